#include "core/credit_code.h"

namespace zhixing::inline core {

char credit_code_check_character(std::string_view first17) {
  // Weights 3^(i-1) mod 31 for positions 1..17 (GB 32100 §4.2).
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i)
    sum += static_cast<int>(kCreditCodeAlphabet.find(first17[i])) * kWeights[i];
  return kCreditCodeAlphabet[(31 - sum % 31) % 31];
}

bool is_valid_credit_code(std::string_view code) {
  if (code.size() != 18) return false;
  for (char c : code)
    if (kCreditCodeAlphabet.find(c) == std::string_view::npos) return false;
  return credit_code_check_character(code.substr(0, 17)) == code[17];
}

}  // namespace zhixing::inline core
