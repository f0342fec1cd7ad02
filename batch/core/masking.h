// The one masking function for personal numbers in text that people or logs see: run logs,
// `zhixing runs`, the web console, import rejection messages.
#pragma once

#include <string>
#include <string_view>

namespace zhixing {

// Masks every number that may identify a person:
//   - a run of 15 or more digits (an ID number may end in X): the first six and the last four
//     characters stay, "130633********113X"; a 19-digit account keeps "622848*********0000";
//   - a run of 11 to 14 digits (mobile phones, shorter accounts): the first three and the last
//     four stay, "138****8000";
//   - the same with single spaces or hyphens between groups of at least three digits (accounts
//     and phones as people write them): "6228 48** **** ***0 000", "138-****-8000"; the
//     separators stay, the digits are counted together.
// Shorter numbers (case numbers, dates, amounts with separators, serials) are left alone; an
// already masked text comes back unchanged.
std::string mask_personal_numbers(std::string_view text);

}  // namespace zhixing
