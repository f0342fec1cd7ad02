// 公民身份号码, GB 11643-1999: 6-digit area + YYYYMMDD + 3-digit sequence (odd = male) + check.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace zhixing::inline core {

enum class IdNumberFault { none, bad_length, bad_character, bad_birth_date, bad_check_character };

// The ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') for the first 17 digits.
// Precondition: first17 is 17 ASCII digits.
char id_number_check_character(std::string_view first17);

// Checks length, alphabet, birth date and check character. A lowercase 'x' is accepted
// (the importer stores it as 'X').
IdNumberFault check_id_number(std::string_view id);

// Facts encoded in a valid number.
Date id_number_birth_date(std::string_view valid_id);
bool id_number_is_male(std::string_view valid_id);  // 17th digit odd

}  // namespace zhixing::inline core
