#include "core/money.h"

#include <cstdlib>
#include <stdexcept>

namespace zhixing::inline core {

std::optional<Money> Money::checked_add(Money a, Money b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a.fen_, b.fen_, &r)) return std::nullopt;
  return Money(r);
}

std::optional<Money> Money::checked_sub(Money a, Money b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a.fen_, b.fen_, &r)) return std::nullopt;
  return Money(r);
}

std::optional<Money> Money::checked_mul(Money a, int64_t factor) {
  int64_t r = 0;
  if (__builtin_mul_overflow(a.fen_, factor, &r)) return std::nullopt;
  return Money(r);
}

int64_t add_fen(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("金额计算溢出");
  return r;
}

int64_t sub_fen(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) throw std::overflow_error("金额计算溢出");
  return r;
}

int64_t mul_fen(int64_t fen, int64_t factor) {
  int64_t r = 0;
  if (__builtin_mul_overflow(fen, factor, &r)) throw std::overflow_error("金额计算溢出");
  return r;
}

Money Money::operator+(Money o) const { return Money(add_fen(fen_, o.fen_)); }
Money Money::operator-(Money o) const { return Money(sub_fen(fen_, o.fen_)); }

bool Money::is_over_limit(std::string_view t) {
  if (parse_yuan(t)) return false;
  // Same shape with more whole digits: strip them to one and see whether the rest parses.
  size_t dot = t.find('.');
  size_t whole = dot == std::string_view::npos ? t.size() : dot;
  if (whole <= 12 || t[0] == '0') return false;
  for (size_t i = 0; i < whole; ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return parse_yuan(std::string("1") + std::string(t.substr(whole))).has_value();
}

std::optional<Money> Money::parse_yuan(std::string_view t) {
  if (t.empty()) return std::nullopt;
  size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) return std::nullopt;
  if (dot != std::string_view::npos && (frac.empty() || frac.size() > 2)) return std::nullopt;
  // At most 12 digits of yuan: 999,999,999,999.99 (kMaxFen).
  if (whole.size() > 12) return std::nullopt;
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

}  // namespace zhixing::inline core
