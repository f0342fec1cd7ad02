#include "core/id_number.h"

namespace zhixing::inline core {

char id_number_check_character(std::string_view first17) {
  // Weights 2^(17-i) mod 11 for positions 1..17 (GB 11643 §5).
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

IdNumberFault check_id_number(std::string_view id) {
  if (id.size() != 18) return IdNumberFault::bad_length;
  for (int i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9') return IdNumberFault::bad_character;
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) return IdNumberFault::bad_character;
  if (!Date::parse_iso(std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                       std::string(id.substr(12, 2))))
    return IdNumberFault::bad_birth_date;
  if (id_number_check_character(id.substr(0, 17)) != last)
    return IdNumberFault::bad_check_character;
  return IdNumberFault::none;
}

Date id_number_birth_date(std::string_view id) {
  return *Date::parse_iso(std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                          std::string(id.substr(12, 2)));
}

bool id_number_is_male(std::string_view id) { return (id[16] - '0') % 2 == 1; }

}  // namespace zhixing::inline core
