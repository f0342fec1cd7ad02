// core/json_text: the one JSON writer and its three layouts.
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace zhixing {
namespace {

TEST(JsonText, QuotesAndEscapes) {
  EXPECT_EQ(json_quote("执行\"a\\b\"\n\t\x01"), "\"执行\\\"a\\\\b\\\"\\n\\t\\u0001\"");
  EXPECT_EQ(json_number(-12), "-12");
  EXPECT_EQ(json_bool(true), "true");
  EXPECT_EQ(json_string_or_null(std::nullopt), "null");
  EXPECT_EQ(json_string_or_null(std::string("x")), "\"x\"");
}

TEST(JsonText, CompactAndSpacedObjectsAndArrays) {
  EXPECT_EQ(JsonObject().add_number("a", 1).add("b", json_string_array({"x", "y"})).str(),
            "{\"a\":1,\"b\":[\"x\",\"y\"]}");
  EXPECT_EQ(JsonObject(JsonStyle::spaced)
                .add_number("line", 12)
                .add("field", "null")
                .add("cases", json_string_array({"x", "y"}, JsonStyle::spaced))
                .str(),
            "{\"line\": 12, \"field\": null, \"cases\": [\"x\", \"y\"]}");
  EXPECT_EQ(JsonObject().str(), "{}");
  EXPECT_EQ(json_array({}), "[]");
}

TEST(JsonText, LinesLayoutIndentsTwoSpacesPerDepth) {
  JsonObject o(JsonStyle::lines);
  o.add_number("run_id", 7)
      .add("steps", json_array({"{\"name\": \"a\"}", "{\"name\": \"b\"}"}, JsonStyle::lines, 1))
      .add("refused", json_array({}, JsonStyle::lines, 1));
  EXPECT_EQ(
      o.str(),
      "{\n  \"run_id\": 7,\n  \"steps\": [\n    {\"name\": \"a\"},\n    {\"name\": \"b\"}\n  ],"
      "\n  \"refused\": []\n}");
}

}  // namespace
}  // namespace zhixing
