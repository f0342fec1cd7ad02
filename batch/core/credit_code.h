// 统一社会信用代码, GB 32100-2015: 18 characters from a 31-symbol alphabet, MOD 31 check.
#pragma once

#include <string_view>

namespace zhixing::inline core {

// The alphabet without I O S V Z; a character's value is its index.
inline constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The check character for the first 17 characters. Precondition: all in the alphabet.
char credit_code_check_character(std::string_view first17);

// Length 18, every character in the alphabet, correct check character.
bool is_valid_credit_code(std::string_view code);

}  // namespace zhixing::inline core
