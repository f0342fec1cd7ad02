#include "core/json_text.h"

#include <cstdio>

namespace zhixing::inline core {

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_quoted(out, text);
  return out;
}

void append_json_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string json_number(long long n) { return std::to_string(n); }

std::string json_bool(bool b) { return b ? "true" : "false"; }

std::string json_string_or_null(const std::optional<std::string>& text) {
  return text ? json_quote(*text) : "null";
}

namespace {

// What goes before the item-th member or element (0-based).
std::string item_prefix(JsonStyle style, int depth, bool first) {
  switch (style) {
    case JsonStyle::compact:
      return first ? "" : ",";
    case JsonStyle::spaced:
      return first ? "" : ", ";
    case JsonStyle::lines:
      return (first ? "\n" : ",\n") + std::string(2 * static_cast<size_t>(depth + 1), ' ');
  }
  return "";
}

std::string close_bracket(JsonStyle style, int depth, bool empty, char bracket) {
  if (style != JsonStyle::lines || empty) return std::string(1, bracket);
  return "\n" + std::string(2 * static_cast<size_t>(depth), ' ') + bracket;
}

}  // namespace

JsonObject& JsonObject::add(std::string_view key, std::string_view json_value) {
  text_ += item_prefix(style_, depth_, text_.empty());
  text_ += json_quote(key);
  text_ += style_ == JsonStyle::compact ? ":" : ": ";
  text_ += json_value;
  return *this;
}

std::string JsonObject::str() const {
  return "{" + text_ + close_bracket(style_, depth_, text_.empty(), '}');
}

std::string json_array(const std::vector<std::string>& json_values, JsonStyle style, int depth) {
  std::string out = "[";
  for (size_t i = 0; i < json_values.size(); ++i) {
    out += item_prefix(style, depth, i == 0);
    out += json_values[i];
  }
  return out + close_bracket(style, depth, json_values.empty(), ']');
}

std::string json_string_array(const std::vector<std::string>& texts, JsonStyle style) {
  std::vector<std::string> values;
  values.reserve(texts.size());
  for (const auto& t : texts) values.push_back(json_quote(t));
  return json_array(values, style);
}

}  // namespace zhixing::inline core
