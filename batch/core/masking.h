// The one masking API for personal numbers (ID, bank account and phone numbers) in what people
// or logs see: run logs, `zhixing runs`, the web console, import rejection messages.
#pragma once

#include <string>
#include <string_view>

namespace zhixing::inline core {

// Masks every number that may identify a person:
//   - a run of 15 or more digits (an ID number may end in X): the first six and the last four
//     characters stay, "130633********113X"; a 19-digit account keeps "622848*********0000";
//   - 11 digits starting with 1 (a mobile phone): the first three and the last four stay,
//     "138****8000";
//   - the same with single spaces or hyphens between groups of at least three digits (accounts
//     and phones as people write them): "6228 48** **** ***0 000", "138-****-8000"; the
//     separators stay, the digits are counted together.
// Other numbers (case numbers, dates, 12 to 14 digits such as a date and time run together,
// request ids like web-20241231-233005-ab12, amounts with separators) are left alone; an already
// masked text comes back unchanged.
std::string mask_personal_numbers(std::string_view text);

// A field known to hold an ID number: the first six and the last four characters stay,
// "130633********123X"; ten characters or fewer are masked whole. Safe on any input.
std::string mask_id_number(std::string_view id);

// A field known to hold a bank account or a phone number: only the last four characters stay,
// "***************0000"; four characters or fewer become "****"; an empty field stays empty.
std::string mask_account_or_phone(std::string_view number);

}  // namespace zhixing::inline core
