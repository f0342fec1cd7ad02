// Log lines of a run: "[2024-12-31 23:30:05 run 12] message" on stderr. Every line is passed
// through mask_personal_numbers (core/masking.h), so a full ID number, bank account or phone
// number never reaches a log.
#pragma once

#include <string>
#include <string_view>

#include "core/masking.h"

namespace zhixing::jobs {

void log_line(long long run_id, std::string_view message);

}  // namespace zhixing::jobs
