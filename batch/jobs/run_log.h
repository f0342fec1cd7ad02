// Log lines of a run: "[2024-12-31 23:30:05 run 12] message" on stderr. Every line is passed
// through mask_personal_numbers, so a full ID number or bank account never reaches a log.
#pragma once

#include <string>
#include <string_view>

namespace zhixing::jobs {

// Masks every run of 15 or more digits (an ID number may end in X): the first six and the last
// four characters stay, "130633********113X"; a 19-digit account keeps "622848*********0000".
std::string mask_personal_numbers(std::string_view text);

void log_line(long long run_id, std::string_view message);

}  // namespace zhixing::jobs
