// The demo data's JSON output: a streaming writer into a string (keys are the writer's own
// ASCII identifiers; money as the interchange format's decimal strings, dates as ISO days).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/invariant.h"
#include "demo/rng.h"

namespace zhixing::inline demo {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& s) : s_(s) {}

  void begin_object() {
    value_prefix();
    s_ += '{';
    push();
  }
  void end_object() {
    pop();
    s_ += '}';
  }
  void begin_array() {
    value_prefix();
    s_ += '[';
    push();
  }
  void end_array() {
    pop();
    s_ += ']';
  }
  void key(std::string_view k) {
    if (need_comma_[depth_]) s_ += ',';
    need_comma_[depth_] = true;
    s_ += '"';
    s_ += k;  // keys are our own ASCII identifiers
    s_ += "\":";
    after_key_ = true;
  }
  void str(std::string_view v) {
    value_prefix();
    s_ += '"';
    for (char ch : v) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        s_ += '\\';
        s_ += ch;
      } else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        s_ += "\\u00";
        s_ += kHex[c >> 4];
        s_ += kHex[c & 15];
      } else {
        s_ += ch;
      }
    }
    s_ += '"';
  }
  void boolean(bool v) {
    value_prefix();
    s_ += v ? "true" : "false";
  }
  void integer(int64_t v) {
    value_prefix();
    append_int(v);
  }
  // Money string (spec: ^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$), as Money::plain().
  void money(int64_t fen) {
    ZHIXING_INVARIANT(fen >= 0, "a demo amount is not negative");
    value_prefix();
    s_ += '"';
    append_int(fen / 100);
    if (fen % 100 != 0) {
      s_ += '.';
      s_ += static_cast<char>('0' + fen % 100 / 10);
      s_ += static_cast<char>('0' + fen % 10);
    }
    s_ += '"';
  }
  void date(Date d) {
    value_prefix();
    int y = d.year(), m = d.month(), dd = d.day();
    char buf[12] = {'"',
                    static_cast<char>('0' + y / 1000),
                    static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10),
                    static_cast<char>('0' + y % 10),
                    '-',
                    static_cast<char>('0' + m / 10),
                    static_cast<char>('0' + m % 10),
                    '-',
                    static_cast<char>('0' + dd / 10),
                    static_cast<char>('0' + dd % 10),
                    '"'};
    s_.append(buf, 12);
  }

  void field(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  void field_date(std::string_view k, Date d) {
    key(k);
    date(d);
  }
  void field_money(std::string_view k, int64_t fen) {
    key(k);
    money(fen);
  }
  void field_bool(std::string_view k, bool v) {
    key(k);
    boolean(v);
  }
  void field_int(std::string_view k, int64_t v) {
    key(k);
    integer(v);
  }

  int depth() const { return depth_; }

 private:
  void value_prefix() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (need_comma_[depth_]) s_ += ',';
    need_comma_[depth_] = true;
  }
  void push() {
    ZHIXING_INVARIANT(depth_ + 1 < kMaxDepth, "JSON nesting within kMaxDepth");
    need_comma_[++depth_] = false;
  }
  void pop() {
    ZHIXING_INVARIANT(depth_ > 0, "a JSON container to close");
    --depth_;
  }
  void append_int(int64_t v) {
    char buf[24];
    int n = 0;
    uint64_t u = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
    do {
      buf[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    if (v < 0) s_ += '-';
    while (n > 0) s_ += buf[--n];
  }

  static constexpr int kMaxDepth = 16;
  std::string& s_;
  bool need_comma_[kMaxDepth] = {};
  int depth_ = 0;
  bool after_key_ = false;
};

inline void append_int(std::string& s, int64_t v) { s += std::to_string(v); }

inline void append_digits(std::string& s, Rng& r, int n) {
  for (int k = 0; k < n; ++k) s += static_cast<char>('0' + r.below(10));
}

}  // namespace zhixing::demo
