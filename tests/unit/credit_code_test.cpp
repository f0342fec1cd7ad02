#include "core/credit_code.h"

#include <gtest/gtest.h>

#include <string>

using zhixing::credit_code_check_character;
using zhixing::is_valid_credit_code;

TEST(CreditCode, AcceptsTheStandardsExample) {
  // GB 32100-2015's own example.
  EXPECT_EQ(credit_code_check_character("91350100M000100Y4"), '3');
  EXPECT_TRUE(is_valid_credit_code("91350100M000100Y43"));
}

TEST(CreditCode, RejectsWrongCheckCharacter) {
  EXPECT_FALSE(is_valid_credit_code("91350100M000100Y44"));
  EXPECT_FALSE(is_valid_credit_code("91350100M000100Y4A"));
}

TEST(CreditCode, RejectsForbiddenLetters) {
  for (char forbidden : std::string("IOSVZ")) {
    std::string code = "91350100M000100Y43";
    code[8] = forbidden;
    EXPECT_FALSE(is_valid_credit_code(code)) << forbidden;
  }
}

TEST(CreditCode, RejectsLowercaseAndWrongLength) {
  EXPECT_FALSE(is_valid_credit_code("91350100m000100y43"));
  EXPECT_FALSE(is_valid_credit_code("91350100M000100Y4"));
  EXPECT_FALSE(is_valid_credit_code("91350100M000100Y433"));
  EXPECT_FALSE(is_valid_credit_code(""));
}
