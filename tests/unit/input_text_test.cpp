#include "core/input_text.h"

#include <gtest/gtest.h>

#include <string>

namespace zhixing {
namespace {

using namespace std::string_literals;

TEST(InputText, AcceptsChineseTextWithinItsBound) {
  EXPECT_FALSE(check_input_text("冀0633-2024-JZ-0002", 64).has_value());
  EXPECT_FALSE(check_input_text("", 0).has_value());
}

TEST(InputText, RefusesNulInTheMiddle) {
  auto fault = check_input_text("REF\0NUL"s, 64);
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->code, "control_character");
}

TEST(InputText, RefusesInvalidUtf8AndOverlongForms) {
  EXPECT_EQ(check_input_text("\xC3\x28", 64)->code, "bad_encoding");
  EXPECT_EQ(check_input_text("\xC0\xAF", 64)->code, "bad_encoding");      // overlong '/'
  EXPECT_EQ(check_input_text("\xED\xA0\x80", 64)->code, "bad_encoding");  // a surrogate
  EXPECT_EQ(check_input_text("\xE4\xB8", 64)->code, "bad_encoding");      // cut 中
  EXPECT_FALSE(check_input_text("\xF0\xA0\xAE\xB7", 64).has_value());     // 𠮷
}

TEST(InputText, RefusesC1ControlsAndDelete) {
  EXPECT_EQ(check_input_text("a\xC2\x85z", 64)->code, "control_character");
  EXPECT_EQ(check_input_text("a\x7Fz", 64)->code, "control_character");
}

TEST(InputText, LineBreaksOnlyWhereAllowed) {
  EXPECT_TRUE(check_input_text("一\n二", 64).has_value());
  EXPECT_FALSE(check_input_text("一\n二\t三", 64, true).has_value());
  EXPECT_TRUE(check_input_text("一\0二"s, 64, true).has_value());
}

TEST(InputText, BoundsTheByteLength) {
  EXPECT_FALSE(check_input_text("中文", 6).has_value());
  EXPECT_EQ(check_input_text("中文", 5)->code, "too_long");
}

TEST(InputText, SanitizeKeepsEverythingPrintable) {
  EXPECT_EQ(sanitize_for_log("/cases/\xFF\x41"),
            "/cases/\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(sanitize_for_log("a\0b\nc"s), "a\\x00b\\x0Ac");
  EXPECT_EQ(sanitize_for_log("名\xE5\x90"), "名\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(sanitize_for_log("\xC0\xAF\xED\xA0\x80")));
}

TEST(InputText, SanitizeCutsOnACharacterBoundary) {
  EXPECT_EQ(sanitize_for_log("一二三", 7), "一二…");
}

}  // namespace
}  // namespace zhixing
