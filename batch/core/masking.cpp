#include "core/masking.h"

#include <vector>

namespace zhixing::inline core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string mask_personal_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      out += text[i++];
      continue;
    }
    // A run of digit groups: the first group is any digit run; a following group joins when a
    // single space or hyphen separates it and both it and the group before have 3+ digits.
    std::vector<size_t> positions;  // of the digits (and a final X) in the run
    size_t j = i;
    size_t group = 0;
    for (;;) {
      size_t start = j;
      while (j < text.size() && is_digit(text[j])) positions.push_back(j++);
      group = j - start;
      if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) {
        positions.push_back(j++);
        break;
      }
      if (group >= 3 && j + 3 < text.size() && (text[j] == ' ' || text[j] == '-') &&
          is_digit(text[j + 1]) && is_digit(text[j + 2]) && is_digit(text[j + 3])) {
        ++j;  // the separator; the next group has 3+ digits
        continue;
      }
      break;
    }
    // 15+ characters: an ID number or an account; 11 digits starting with 1: a mobile phone.
    // Other lengths (dates and times run together, request ids, serials) stay readable.
    const size_t n = positions.size();
    const bool phone = n == 11 && text[positions[0]] == '1' && is_digit(text[positions[10]]);
    const size_t keep_front = phone ? 3 : 6, keep_back = 4;
    std::string run(text.substr(i, j - i));
    if (n >= 15 || phone)
      for (size_t k = keep_front; k + keep_back < n; ++k) run[positions[k] - i] = '*';
    out += run;
    i = j;
  }
  return out;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 10) return std::string(id.size(), '*');
  std::string out(id.substr(0, 6));
  out.append(id.size() - 10, '*');
  out.append(id.substr(id.size() - 4));
  return out;
}

std::string mask_account_or_phone(std::string_view number) {
  if (number.empty()) return "";
  if (number.size() <= 4) return "****";
  return std::string(number.size() - 4, '*') + std::string(number.substr(number.size() - 4));
}

}  // namespace zhixing::inline core
