#include "store/pg_array.h"

namespace zhixing::inline store {

std::string pg_bigint_array(const std::vector<long long>& values) {
  std::string s = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(values[i]);
  }
  return s + "}";
}

std::string pg_text_array(const std::vector<std::string>& values) {
  std::string s = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += ',';
    s += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') s += '\\';
      s += c;
    }
    s += '"';
  }
  return s + "}";
}

std::vector<std::string> parse_pg_text_array(const std::string& s) {
  std::vector<std::string> out;
  if (s.size() < 2) return out;
  size_t i = 1;
  while (i < s.size() - 1) {
    std::string v;
    if (s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        v += s[i++];
      }
      ++i;  // closing quote
    } else {
      while (i < s.size() - 1 && s[i] != ',') v += s[i++];
    }
    out.push_back(v);
    if (i < s.size() - 1 && s[i] == ',') ++i;
  }
  return out;
}

}  // namespace zhixing::inline store
