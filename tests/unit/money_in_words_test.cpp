#include "core/money_in_words.h"

#include <gtest/gtest.h>

#include <stdexcept>

using zhixing::Money;
using zhixing::money_in_words;

namespace {
std::string words(int64_t fen) { return money_in_words(Money::from_fen(fen)); }
}  // namespace

// The official 零 examples of 《支付结算办法》 (its annex 《正确填写票据和结算凭证的基本规定》),
// rendered in the project-default form.
TEST(MoneyInWords, ZeroBetweenDigits) { EXPECT_EQ(words(140950), "人民币壹仟肆佰零玖元伍角整"); }

TEST(MoneyInWords, SeveralZerosInARowGiveOneZero) {
  EXPECT_EQ(words(600714), "人民币陆仟零柒元壹角肆分");
}

TEST(MoneyInWords, ZeroYuanDigitWritesZeroBeforeJiao) {
  // Its 零 rule 3 (万 or 元 digit 0), first accepted form (project default).
  EXPECT_EQ(words(168032), "人民币壹仟陆佰捌拾元零叁角贰分");
  EXPECT_EQ(words(10700053), "人民币壹拾万柒仟元零伍角叁分");
}

TEST(MoneyInWords, ZeroJiaoWithFenIsMandatoryZero) {
  EXPECT_EQ(words(1640902), "人民币壹万陆仟肆佰零玖元零贰分");
  EXPECT_EQ(words(32504), "人民币叁佰贰拾伍元零肆分");
}

TEST(MoneyInWords, LeadingTenKeepsYi) {
  EXPECT_EQ(words(1500), "人民币壹拾伍元整");
  EXPECT_EQ(words(101000), "人民币壹仟零壹拾元整");
}

// Worked examples in the project-default form, among them the court's 2024 figures (¥305,000 relief
// paid; 26325.94万元 = ¥263,259,400.00 recovered, not ¥26,325.94).
TEST(MoneyInWords, WorkedExamples) {
  EXPECT_EQ(words(30500000), "人民币叁拾万伍仟元整");
  EXPECT_EQ(words(2632594), "人民币贰万陆仟叁佰贰拾伍元玖角肆分");
  EXPECT_EQ(words(1000050), "人民币壹万元零伍角整");
  EXPECT_EQ(words(101000), "人民币壹仟零壹拾元整");
  EXPECT_EQ(words(5), "人民币伍分");
  EXPECT_EQ(words(26325940000), "人民币贰亿陆仟叁佰贰拾伍万玖仟肆佰元整");
}

// Further amounts, checked against a reference implementation of the same rules.
TEST(MoneyInWords, OtherChecks) {
  EXPECT_EQ(words(140950), "人民币壹仟肆佰零玖元伍角整");
  EXPECT_EQ(words(600714), "人民币陆仟零柒元壹角肆分");
  EXPECT_EQ(words(1640902), "人民币壹万陆仟肆佰零玖元零贰分");
  EXPECT_EQ(words(32504), "人民币叁佰贰拾伍元零肆分");
  EXPECT_EQ(words(10000000), "人民币壹拾万元整");
  EXPECT_EQ(words(1500), "人民币壹拾伍元整");
  EXPECT_EQ(words(50), "人民币伍角整");
  EXPECT_EQ(words(10001000), "人民币壹拾万零壹拾元整");
  EXPECT_EQ(words(20000000010), "人民币贰亿元零壹角整");
}

// The two amounts ICU 72's RBNF (%spellout-cardinal-financial) gets wrong above 1亿: it drops the
// 零 before a 万 group that starts with a zero digit.
TEST(MoneyInWords, ZeroAtWanSectionAboveYi) {
  EXPECT_EQ(words(100001000000), "人民币壹拾亿零壹万元整");
  EXPECT_EQ(words(10010000000), "人民币壹亿零壹拾万元整");
}

TEST(MoneyInWords, WholeZeroSectionBetweenNonZeroSections) {
  EXPECT_EQ(words(10000500000), "人民币壹亿零伍仟元整");
  EXPECT_EQ(words(10000000000), "人民币壹亿元整");
}

TEST(MoneyInWords, ZeroIsZeroYuan) { EXPECT_EQ(words(0), "人民币零元整"); }

TEST(MoneyInWords, RejectsNegativeAmounts) { EXPECT_THROW(words(-1), std::invalid_argument); }
