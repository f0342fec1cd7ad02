// The import's JSON reader (importer/json_tree.h) against Poco::JSON::Parser, which it replaced:
// the same verdict and the same tree for the demo data's lines, hand-picked edge cases and
// thousands of mutations of both.
#include "importer/json_tree.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/input_text.h"
#include "demo/demo_generator.h"

namespace zhixing {
namespace {

using importer::Json;

// The tree the importer built from Poco's parser events before (the oracle).
class PocoTree : public Poco::JSON::Handler {
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
    if (stack_.empty())
      root_ = std::move(j);
    else
      stack_.back().values.push_back(std::move(j));
  }
  std::vector<Json> stack_;
  Json root_;
  bool duplicate_ = false;
};

bool same(const Json& a, const Json& b) {
  if (a.type != b.type || a.boolean != b.boolean || a.integer != b.integer ||
      a.string != b.string || a.keys != b.keys || a.values.size() != b.values.size())
    return false;
  for (size_t i = 0; i < a.values.size(); ++i)
    if (!same(a.values[i], b.values[i])) return false;
  return true;
}

// Where Poco was wrong the reader differs on purpose, and these texts are left out of the
// comparison: Poco wrapped integers past the int64 and uint64 ranges silently
// (18446744073709551616 read as 0, -9223372036854775809 as INT64_MIN) or refused them, read
// negative integers of 16 digits and more as doubles (-9223372036854775 as -9223372036854776), and
// refused floating-point numbers past the double range (1e309) as not JSON. They are valid JSON;
// the reader takes each as a `number` (not an integer), which a field that wants an integer
// rejects as bad_value (JsonTree.NumbersPastTheIntegerRangesAreNumbers).
bool poco_got_numbers_wrong(const std::string& text) {
  size_t run = 0;
  for (char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 16) return true;
  }
  for (size_t i = 0; i + 3 < text.size(); ++i)
    if ((text[i] == 'e' || text[i] == 'E') &&
        text.find_first_not_of("+-", i + 1) != std::string::npos) {
      size_t d = text.find_first_not_of("+-", i + 1), n = 0;
      while (d + n < text.size() && text[d + n] >= '0' && text[d + n] <= '9') ++n;
      if (n >= 3) return true;
    }
  return false;
}

// Both readers on `text`; a failed expectation names the text.
void expect_same_as_poco(const std::string& text) {
  Poco::SharedPtr<PocoTree> handler = new PocoTree;
  bool poco_ok = true;
  try {
    Poco::JSON::Parser parser(handler);
    parser.parse(text);
  } catch (const Poco::Exception&) {
    poco_ok = false;
  } catch (const std::exception&) {
    poco_ok = false;
  }
  Json root;
  bool duplicate = false;
  const bool ok = importer::parse_json(text, root, duplicate);
  ASSERT_EQ(ok, poco_ok) << "[" << text << "] " << ::testing::PrintToString(text);
  if (!ok) return;
  EXPECT_EQ(duplicate, handler->duplicate()) << text;
  EXPECT_TRUE(same(root, handler->root())) << text;
}

std::vector<std::string> demo_lines(int cases) {
  std::ostringstream out;
  DemoOptions o;
  o.cases = cases;
  write_demo_data(out, o);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const std::vector<std::string> kEdgeCases = {
    "{}", "[]", " {} ", "\t{\"a\":1}\r\n", "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\"}",
    "{\"a\":}", "{\"a\" 1}", "{1:2}", "[1 2]", "{} {}", "{}x", "", " ", "1", "-", "-0", "01",
    "1.", ".5", "1e", "1e+", "1E-2", "-1.5e10", "2.0", "[9223372036854775807]",
    "[9223372036854775808]", "[-9223372036854775808]", "[18446744073709551615]", "[1e308]",
    "[4.9e-324]", "[1e-400]", "[-0]", "[-0.0]", "true", "tru", "truex", "false", "null", "nul", "[true,false,null]", "\"\"", "\"a",
    "\"\\u0041\\u00e9\\u4e2d\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"",
    "\"\\ud83d\\u0041\"", "\"\\u12\"", "\"\\x41\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
    "\"\\u0000\"", "\"tab\there\"", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}",
    "[[[[[[[[[[]]]]]]]]]]", "[[[[[[[[[[]]]]]]]]]", "{\"a\":[1,{\"b\":[null]}]}",
    "{\"中文\":\"执行\"}", "\xEF\xBB\xBF{}", "{\"a\":1}/*c*/", "//c\n{}", "NaN", "Infinity",
    "[-]", "[+1]", "[0x10]", "[1.0e+2]", "{\"a\"\t:\n1}", "[\"\\u00\"]", "\"\\uD800\\uDC00\"",
    "\"\\uDBFF\\uDFFF\"", "\"\\uDBFF\\uE000\""};

TEST(JsonTree, ReadsEveryEdgeCaseAsPocoDid) {
  for (const std::string& text : kEdgeCases) expect_same_as_poco(text);
}

TEST(JsonTree, ReadsTheDemoLinesAsPocoDid) {
  for (const std::string& line : demo_lines(60)) expect_same_as_poco(line);
}

TEST(JsonTree, ReadsMutatedLinesAsPocoDid) {
  std::vector<std::string> seeds = demo_lines(12);
  seeds.insert(seeds.end(), kEdgeCases.begin(), kEdgeCases.end());
  const std::string alphabet = "{}[]\",:\\ \t\n-+0123456789.eEtrufalsn/bu\x01\xE4\xB8\xAD";
  std::mt19937 rng(20261204);
  int compared = 0;
  for (const std::string& seed : seeds) {
    for (int m = 0; m < 300; ++m) {
      std::string text = seed;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        const size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
        const char c = alphabet[rng() % alphabet.size()];
        switch (rng() % 4) {
          case 0:
            if (at < text.size()) text[at] = c;
            break;
          case 1:
            text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
          case 2:
            if (at < text.size()) text.erase(at, 1 + rng() % 4);
            break;
          default:
            text.resize(at);
        }
      }
      if (!is_valid_utf8(text)) continue;  // the reader runs after the UTF-8 check
      if (poco_got_numbers_wrong(text)) continue;
      expect_same_as_poco(text);
      if (HasFatalFailure()) return;
      ++compared;
    }
  }
  EXPECT_GT(compared, 10000);
}

TEST(JsonTree, NumbersPastTheIntegerRangesAreNumbers) {
  auto type_of = [](const std::string& text) {
    Json root;
    bool duplicate = false;
    EXPECT_TRUE(importer::parse_json("[" + text + "]", root, duplicate)) << text;
    return root.values.empty() ? Json::Type::null : root.values[0].type;
  };
  EXPECT_EQ(type_of("9223372036854775807"), Json::Type::integer);
  EXPECT_EQ(type_of("-9223372036854775808"), Json::Type::integer);
  EXPECT_EQ(type_of("9223372036854775808"), Json::Type::big_integer);
  EXPECT_EQ(type_of("18446744073709551615"), Json::Type::big_integer);
  EXPECT_EQ(type_of("18446744073709551616"), Json::Type::number);
  EXPECT_EQ(type_of("-9223372036854775809"), Json::Type::number);
  EXPECT_EQ(type_of("99999999999999999999999"), Json::Type::number);
  EXPECT_EQ(type_of("1e999"), Json::Type::number);
}

TEST(JsonTree, NestingIsBoundedAndNeedsNoRecursion) {
  auto nested = [](size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  Json root;
  bool duplicate = false;
  EXPECT_TRUE(importer::parse_json(nested(importer::kMaxJsonDepth), root, duplicate));
  EXPECT_FALSE(importer::parse_json(nested(importer::kMaxJsonDepth + 1), root, duplicate));
  // A 1 MiB line of brackets is refused as it is read, without building half a million levels.
  EXPECT_FALSE(importer::parse_json(nested(500000), root, duplicate));
  EXPECT_FALSE(importer::parse_json("{\"a\":" + nested(600) + "}", root, duplicate));
}

}  // namespace
}  // namespace zhixing
