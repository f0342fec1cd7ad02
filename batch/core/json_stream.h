// JSON written as it is produced, straight into a string: for output too large to build as
// objects first (the demo data set, one line per case). Strings are escaped as json_quote does;
// keys are the caller's own ASCII identifiers and are written as they are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/invariant.h"
#include "core/json_text.h"

namespace zhixing::inline core {

class JsonStream {
 public:
  explicit JsonStream(std::string& out) : s_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    if (need_comma_[depth_]) s_ += ',';
    need_comma_[depth_] = true;
    s_ += '"';
    s_ += k;
    s_ += "\":";
    after_key_ = true;
  }
  void str(std::string_view v) {
    value_prefix();
    append_json_quoted(s_, v);
  }
  void boolean(bool v) {
    value_prefix();
    s_ += v ? "true" : "false";
  }
  void integer(int64_t v) {
    value_prefix();
    append_int(v);
  }
  // A value that is JSON text already (a number or a quoted string the caller formatted).
  void raw(std::string_view json_value) {
    value_prefix();
    s_ += json_value;
  }

  void field(std::string_view k, std::string_view v) {
    key(k);
    str(v);
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

 protected:
  std::string& out() { return s_; }
  void value_prefix() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (need_comma_[depth_]) s_ += ',';
    need_comma_[depth_] = true;
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

 private:
  void open(char bracket) {
    value_prefix();
    s_ += bracket;
    ZHIXING_INVARIANT(depth_ + 1 < kMaxDepth, "JSON nesting within kMaxDepth");
    need_comma_[++depth_] = false;
  }
  void close(char bracket) {
    ZHIXING_INVARIANT(depth_ > 0, "a JSON container to close");
    --depth_;
    s_ += bracket;
  }

  static constexpr int kMaxDepth = 16;
  std::string& s_;
  bool need_comma_[kMaxDepth] = {};
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace zhixing::inline core
