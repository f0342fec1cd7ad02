#include "core/case_number.h"

#include <gtest/gtest.h>

using zhixing::CaseNumber;
using zhixing::is_known_type_code;
using zhixing::type_requires_title_document;

TEST(CaseNumber, ParsesBasicCourtNumber) {
  auto n = CaseNumber::parse("（2024）冀0633执1234号");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->year, 2024);
  EXPECT_EQ(n->court_code, "冀0633");
  EXPECT_EQ(n->type_code, "执");
  EXPECT_EQ(n->serial, 1234);
  EXPECT_EQ(n->text(), "（2024）冀0633执1234号");
}

TEST(CaseNumber, NormalisesHalfWidthBrackets) {
  auto n = CaseNumber::parse("(2024)冀0633执恢7号");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->text(), "（2024）冀0633执恢7号");
  EXPECT_EQ(CaseNumber::parse("(2024）冀0633执7号")->text(), "（2024）冀0633执7号");
}

TEST(CaseNumber, SplitsHighCourtCodeFromTypeCode) {
  auto n = CaseNumber::parse("（2024）冀执5号");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->court_code, "冀");
  EXPECT_EQ(n->type_code, "执");
  auto review = CaseNumber::parse("（2024）冀执复5号");
  ASSERT_TRUE(review);
  EXPECT_EQ(review->court_code, "冀");
  EXPECT_EQ(review->type_code, "执复");
}

TEST(CaseNumber, ParsesIntermediateAndSupremeCourts) {
  auto mid = CaseNumber::parse("（2023）冀06民终567号");
  ASSERT_TRUE(mid);
  EXPECT_EQ(mid->court_code, "冀06");
  EXPECT_EQ(mid->type_code, "民终");
  auto spc = CaseNumber::parse("（2022）最高法执监12号");
  ASSERT_TRUE(spc);
  EXPECT_EQ(spc->court_code, "最高法");
  EXPECT_EQ(spc->type_code, "执监");
}

TEST(CaseNumber, ParsesMultiCharacterTypeCodes) {
  EXPECT_EQ(CaseNumber::parse("（2024）冀0633司救执3号")->type_code, "司救执");
  EXPECT_EQ(CaseNumber::parse("（2024）冀0633司惩复1号")->type_code, "司惩复");
  EXPECT_EQ(CaseNumber::parse("（2024）冀0633财保9号")->type_code, "财保");
}

TEST(CaseNumber, RejectsUnknownTypeCodes) {
  EXPECT_FALSE(CaseNumber::parse("（2024）冀0633刑初1号"));
  EXPECT_FALSE(CaseNumber::parse("（2024）冀0633执字第12号"));  // pre-2016 style
  EXPECT_FALSE(CaseNumber::parse("（2024）冀0633号"));
}

TEST(CaseNumber, RejectsBrokenGrammar) {
  for (const char* bad :
       {"（2024）冀063执1号", "（2024）冀06333执1号", "（24）冀0633执1号", "（2024）冀0633执01号",
        "（2024）冀0633执0号", "（2024）冀0633执1", "（2024）冀0633执1号 ", "2024冀0633执1号",
        "（2024）X0633执1号", "（2024）冀0633执号", "【2024】冀0633执1号",
        "（２０２４）冀0633执1号", ""})
    EXPECT_FALSE(CaseNumber::parse(bad)) << bad;
}

TEST(CaseNumber, OrdersByYearCourtTypeSerial) {
  EXPECT_LT(*CaseNumber::parse("（2023）冀0633执9号"), *CaseNumber::parse("（2024）冀0633执1号"));
  EXPECT_EQ(*CaseNumber::parse("(2024)冀0633执1号"), *CaseNumber::parse("（2024）冀0633执1号"));
}

TEST(CaseNumber, KnowsTheTypeCodeTable) {
  for (const char* code : {"执",     "执恢",   "执保",   "执异",   "执复",   "执监",   "执协",
                           "执他",   "司救执", "司救刑", "司救民", "司救行", "司救赔", "司救访",
                           "司救他", "司惩",   "司惩复", "财保",   "民初",   "民终"})
    EXPECT_TRUE(is_known_type_code(code)) << code;
  EXPECT_FALSE(is_known_type_code("刑初"));
  EXPECT_FALSE(is_known_type_code(""));
}

TEST(CaseNumber, OnlyFirstAndResumedEnforcementNeedATitleDocument) {
  EXPECT_TRUE(type_requires_title_document("执"));
  EXPECT_TRUE(type_requires_title_document("执恢"));
  EXPECT_FALSE(type_requires_title_document("执保"));
  EXPECT_FALSE(type_requires_title_document("司救执"));
}
