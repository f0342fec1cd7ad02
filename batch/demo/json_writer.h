// The demo data's JSON output: core's JsonStream with money as the interchange format's
// decimal strings and dates as ISO days.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/invariant.h"
#include "core/json_stream.h"
#include "demo/rng.h"

namespace zhixing::inline demo {

// The stream with the interchange format's money strings and ISO dates.
class JsonWriter : public JsonStream {
 public:
  explicit JsonWriter(std::string& s) : JsonStream(s) {}

  // Money string (spec: ^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$), as Money::plain().
  void money(int64_t fen) {
    ZHIXING_INVARIANT(fen >= 0, "a demo amount is not negative");
    value_prefix();
    std::string& s = out();
    s += '"';
    append_int(fen / 100);
    if (fen % 100 != 0) {
      s += '.';
      s += static_cast<char>('0' + fen % 100 / 10);
      s += static_cast<char>('0' + fen % 10);
    }
    s += '"';
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
    out().append(buf, 12);
  }
  void field_date(std::string_view k, Date d) {
    key(k);
    date(d);
  }
  void field_money(std::string_view k, int64_t fen) {
    key(k);
    money(fen);
  }
};

inline void append_int(std::string& s, int64_t v) { s += std::to_string(v); }

inline void append_digits(std::string& s, Rng& r, int n) {
  for (int k = 0; k < n; ++k) s += static_cast<char>('0' + r.below(10));
}

}  // namespace zhixing::inline demo
