// The one JSON writer: canonical, deterministic JSON text for stored jsonb columns, the web
// console's API, import rejects files, job keys and run summaries. Values are built as JSON text
// (json_quote, json_number, …) and joined by JsonObject and json_array in one of three layouts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhixing::inline core {

// A JSON string literal with quotes; escapes ", \, and control characters. UTF-8 passes through.
std::string json_quote(std::string_view text);
// json_quote(text) appended to `out`.
void append_json_quoted(std::string& out, std::string_view text);
std::string json_number(long long n);
std::string json_bool(bool b);
// json_quote(*text), or null.
std::string json_string_or_null(const std::optional<std::string>& text);

enum class JsonStyle {
  compact,  // {"a":1,"b":[1,2]}
  spaced,   // {"a": 1, "b": [1, 2]}
  lines,    // a member or element per line, indented two spaces per depth; empty: {} and []
};

// An object built member by member, in the order added.
class JsonObject {
 public:
  // depth: how deep the object sits (lines layout only: its closing brace's indent).
  explicit JsonObject(JsonStyle style = JsonStyle::compact, int depth = 0)
      : style_(style), depth_(depth) {}
  // json_value is JSON text already.
  JsonObject& add(std::string_view key, std::string_view json_value);
  JsonObject& add_string(std::string_view key, std::string_view text) {
    return add(key, json_quote(text));
  }
  JsonObject& add_number(std::string_view key, long long n) { return add(key, json_number(n)); }
  JsonObject& add_bool(std::string_view key, bool b) { return add(key, json_bool(b)); }
  std::string str() const;

 private:
  JsonStyle style_;
  int depth_;
  std::string text_;
};

// An array of values that are JSON text already.
std::string json_array(const std::vector<std::string>& json_values,
                       JsonStyle style = JsonStyle::compact, int depth = 0);
// An array of strings.
std::string json_string_array(const std::vector<std::string>& texts,
                              JsonStyle style = JsonStyle::compact);

}  // namespace zhixing::inline core
