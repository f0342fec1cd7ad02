#include "importer/json_tree.h"

#include <limits>

#include "core/utf8.h"

namespace zhixing::inline importer {

std::string escape_raw_controls(std::string_view line) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(line.size() + 16);
  bool in_string = false;
  bool escaped = false;
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
        continue;
      }
    } else if (c == '"') {
      in_string = true;
    }
    out += ch;
  }
  return out;
}

namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool parse(Json& root, bool& duplicate) {
    duplicate = false;
    skip_space();
    if (value(root) < 0) return false;
    while (!open_.empty()) {
      skip_space();
      if (p_ == end_) return false;
      Frame& f = open_.back();
      Json& node = *f.node;
      const bool object = node.type == Json::Type::object;
      const char close = object ? '}' : ']';
      if (*p_ == close) {
        if (f.after_comma) return false;  // a trailing comma
        ++p_;
        open_.pop_back();
        continue;
      }
      if (!f.first && !f.after_comma) {
        if (*p_ != ',') return false;
        ++p_;
        f.after_comma = true;
        continue;
      }
      f.first = false;
      f.after_comma = false;
      if (object) {
        std::string key;
        if (*p_ != '"' || !string(key)) return false;
        for (const std::string& k : node.keys)
          if (k == key) duplicate = true;
        skip_space();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        skip_space();
        node.keys.push_back(std::move(key));
      }
      // `f` may move when value() opens a container: nothing of it is used after this.
      node.values.emplace_back();
      if (value(node.values.back()) < 0) return false;
    }
    skip_space();
    return p_ == end_;
  }

 private:
  // An open object or array. Its node lives in its parent's values, which do not change while
  // it is open (only the innermost container grows).
  struct Frame {
    Json* node;
    bool first = true;         // nothing read since the bracket
    bool after_comma = false;  // a comma read, its element not yet
  };

  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  bool word(std::string_view w) {
    if (static_cast<size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w)
      return false;
    p_ += w.size();
    return true;
  }

  // -1 not JSON; 0 a scalar read into `slot`; 1 a container opened (its frame pushed).
  int value(Json& slot) {
    if (p_ == end_) return -1;
    switch (*p_) {
      case '{':
      case '[':
        if (open_.size() >= kMaxJsonDepth) return -1;
        slot.type = *p_ == '{' ? Json::Type::object : Json::Type::array;
        ++p_;
        open_.push_back(Frame{&slot});
        return 1;
      case '"':
        slot.type = Json::Type::string;
        return string(slot.string) ? 0 : -1;
      case 't':
        slot.type = Json::Type::boolean;
        slot.boolean = true;
        return word("true") ? 0 : -1;
      case 'f':
        slot.type = Json::Type::boolean;
        return word("false") ? 0 : -1;
      case 'n':
        return word("null") ? 0 : -1;
      default:
        return number(slot) ? 0 : -1;
    }
  }

  bool number(Json& slot) {
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    const char* digits = p_;
    if (p_ == end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (digit(*p_)) {
      while (p_ < end_ && digit(*p_)) ++p_;
    } else {
      return false;
    }
    const char* digits_end = p_;
    bool integer = true;
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ < end_ && digit(*p_)) ++p_;
      integer = false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ < end_ && digit(*p_)) ++p_;
      integer = false;
    }
    if (!integer) {
      slot.type = Json::Type::number;
      return true;
    }
    constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
    uint64_t v = 0;
    for (const char* d = digits; d < digits_end; ++d) {
      const auto n = static_cast<uint64_t>(*d - '0');
      if (v > (kMax - n) / 10) {  // beyond 2^64-1: a number, as with a fraction
        slot.type = Json::Type::number;
        return true;
      }
      v = v * 10 + n;
    }
    constexpr auto kInt64Max = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (!negative) {
      if (v <= kInt64Max) {
        slot.type = Json::Type::integer;
        slot.integer = static_cast<int64_t>(v);
      } else {
        slot.type = Json::Type::big_integer;
      }
      return true;
    }
    if (v > kInt64Max + 1) {  // below INT64_MIN
      slot.type = Json::Type::number;
      return true;
    }
    slot.type = Json::Type::integer;
    slot.integer = v == kInt64Max + 1 ? std::numeric_limits<int64_t>::min()
                                      : -static_cast<int64_t>(v);
    return true;
  }

  bool hex4(uint32_t& cp) {
    if (end_ - p_ < 4) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      cp <<= 4;
      if (c >= '0' && c <= '9')
        cp |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        cp |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        cp |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  // At the opening quote; the text is valid UTF-8 (checked before parsing).
  bool string(std::string& out) {
    ++p_;
    for (;;) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20)
        ++p_;
      out.append(run, static_cast<size_t>(p_ - run));
      if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
      if (*p_ == '"') {
        ++p_;
        return true;
      }
      ++p_;  // the backslash
      if (p_ == end_) return false;
      const char e = *p_++;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (!word("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          return false;
      }
    }
  }

  const char* p_;
  const char* end_;
  std::vector<Frame> open_;
};

}  // namespace

bool parse_json(std::string_view text, Json& root, bool& duplicate) {
  root = Json{};
  return Reader(text).parse(root, duplicate);
}

}  // namespace zhixing::inline importer
