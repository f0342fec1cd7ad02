// The record parser's JSON tree: one line parsed by Poco's tokeniser into values that keep
// objects' members in the line's order, with duplicate keys detected.
#pragma once

#include <Poco/JSON/Handler.h>

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

// Builds the tree from Poco's parser events. Poco::JSON::Parser does the tokenising and
// the JSON grammar; its ParseHandler is not used because its Dynamic::Var tree (a std::map
// per object, a heap holder per value, a copy on every access) cost more than the whole rest
// of the validation (measured: ~25 µs of ~110 µs per 1.6 KB line) and because it keeps the
// last of two equal keys silently. A record must not be read two ways, so duplicate keys
// are detected here and the line is bad_json.
class TreeHandler : public Poco::JSON::Handler {
 public:
  void reset() override {
    stack_.clear();
    root_ = Json{};
    duplicate_ = false;
  }
  void startObject() override { open(Json::Type::object); }
  void endObject() override { close(); }
  void startArray() override { open(Json::Type::array); }
  void endArray() override { close(); }
  void key(const std::string& k) override {
    if (stack_.empty()) return;
    Json& o = stack_.back();
    if (o.has(k)) duplicate_ = true;
    o.keys.push_back(k);
  }
  void null() override { add(Json{}); }
  void value(int v) override { add_integer(v); }
  void value(unsigned v) override { add_integer(v); }
  void value(Poco::Int64 v) override { add_integer(v); }
  void value(Poco::UInt64 v) override {
    if (v > static_cast<Poco::UInt64>(INT64_MAX)) {
      Json j;
      j.type = Json::Type::big_integer;
      add(std::move(j));
    } else {
      add_integer(static_cast<int64_t>(v));
    }
  }
  void value(const std::string& v) override {
    Json j;
    j.type = Json::Type::string;
    j.string = v;
    add(std::move(j));
  }
  void value(double) override {
    Json j;
    j.type = Json::Type::number;
    add(std::move(j));
  }
  void value(bool v) override {
    Json j;
    j.type = Json::Type::boolean;
    j.boolean = v;
    add(std::move(j));
  }

  const Json& root() const { return root_; }
  bool duplicate() const { return duplicate_; }

 private:
  void open(Json::Type type) {
    Json j;
    j.type = type;
    stack_.push_back(std::move(j));
  }
  void close() {
    if (stack_.empty()) return;
    Json j = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(j));
  }
  void add_integer(int64_t v) {
    Json j;
    j.type = Json::Type::integer;
    j.integer = v;
    add(std::move(j));
  }
  void add(Json&& j) {
    if (stack_.empty()) {
      root_ = std::move(j);
    } else {
      stack_.back().values.push_back(std::move(j));
    }
  }

  std::vector<Json> stack_;  // the open objects and arrays, innermost last
  Json root_;
  bool duplicate_ = false;
};

// Rewrites raw bytes below 0x20 inside JSON strings as \u00XX escapes (record_parser.cpp says why).
// Outside strings they are left alone: tab and CR are JSON whitespace there, anything else
// stays invalid JSON.
std::string escape_raw_controls(std::string_view line);

}  // namespace zhixing::inline importer
