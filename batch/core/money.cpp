#include "core/money.h"

#include <cstdlib>

namespace zhixing {

std::optional<Money> Money::parse_yuan(std::string_view t) {
  if (t.empty()) return std::nullopt;
  size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) return std::nullopt;
  if (dot != std::string_view::npos && (frac.empty() || frac.size() > 2)) return std::nullopt;
  // 15 digits of yuan keep fen far below INT64_MAX.
  if (whole.size() > 15) return std::nullopt;
  int64_t yuan = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    yuan = yuan * 10 + (c - '0');
  }
  int64_t fen = 0;
  for (size_t i = 0; i < 2; ++i) {
    int digit = 0;
    if (i < frac.size()) {
      if (frac[i] < '0' || frac[i] > '9') return std::nullopt;
      digit = frac[i] - '0';
    }
    fen = fen * 10 + digit;
  }
  return Money(yuan * 100 + fen);
}

std::string Money::plain() const {
  int64_t a = std::llabs(fen_);
  std::string s;
  if (fen_ < 0) s += '-';
  s += std::to_string(a / 100);
  int64_t f = a % 100;
  if (f != 0) {
    s += '.';
    s += static_cast<char>('0' + f / 10);
    s += static_cast<char>('0' + f % 10);
  }
  return s;
}

std::string Money::decimal() const {
  int64_t a = std::llabs(fen_);
  int64_t f = a % 100;
  std::string s;
  if (fen_ < 0) s += '-';
  s += std::to_string(a / 100);
  s += '.';
  s += static_cast<char>('0' + f / 10);
  s += static_cast<char>('0' + f % 10);
  return s;
}

std::string Money::figures() const {
  int64_t a = std::llabs(fen_);
  std::string digits = std::to_string(a / 100);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  int64_t f = a % 100;
  std::string s = fen_ < 0 ? "-¥" : "¥";
  s += grouped;
  s += '.';
  s += static_cast<char>('0' + f / 10);
  s += static_cast<char>('0' + f % 10);
  return s;
}

}  // namespace zhixing
