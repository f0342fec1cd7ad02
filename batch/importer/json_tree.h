// The record parser's JSON tree: one line parsed into values that keep objects' members in the
// line's order, with duplicate keys detected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zhixing::inline importer {

// One JSON value as the line has it: objects keep their members in the line's order.
struct Json {
  enum class Type : uint8_t { null, boolean, integer, big_integer, number, string, object, array };
  Type type = Type::null;
  bool boolean = false;
  int64_t integer = 0;
  std::string string;
  std::vector<std::string> keys;  // object: member names, in order
  std::vector<Json> values;       // object: member values (parallel to keys); array: elements

  const Json* member(std::string_view key) const {
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return &values[i];
    return nullptr;
  }
  bool has(std::string_view key) const { return member(key) != nullptr; }
};

// Parses one line as exactly one JSON value (RFC 8259: whitespace around it, nothing after it)
// into `root`. False when the text is not JSON. Strict as the grammar: no comments, no trailing
// commas, no leading zeros or '+', escapes \" \\ \/ \b \f \n \r \t and \uXXXX with surrogates
// only in pairs; a raw byte below 0x20 inside a string is invalid. Numbers: an integer that fits
// int64 is `integer`, a larger non-negative one up to 2^64-1 `big_integer`; any other integer,
// and any number with a fraction or an exponent, `number`. Objects keep their members in the line's
// order; `duplicate` is set when an object repeats a key (the line is then bad_json: a record
// must not be read two ways). Iterative, and objects and arrays nest at most kMaxJsonDepth deep
// (a record nests four): a line of half a million '[' is refused, not a tree whose destruction
// would recurse past the stack.
//
// It replaced Poco::JSON::Parser with a handler building the same tree (the same grammar and
// typing, tests/unit/json_tree_test.cpp compares the two on mutated lines): the Poco tokeniser
// was a third of the import's client CPU.
inline constexpr size_t kMaxJsonDepth = 512;
bool parse_json(std::string_view text, Json& root, bool& duplicate);

// Rewrites raw bytes below 0x20 inside JSON strings as \u00XX escapes (record_parser.cpp says why).
// Outside strings they are left alone: tab and CR are JSON whitespace there, anything else
// stays invalid JSON.
std::string escape_raw_controls(std::string_view line);

}  // namespace zhixing::inline importer
