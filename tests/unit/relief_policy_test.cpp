#include "config/policy_file.h"
#include "relief/policy.h"

#include <gtest/gtest.h>

#include <string>

using zhixing::config::load_relief_policy;
using zhixing::relief::parse_policy;
using zhixing::relief::Policy;
using zhixing::relief::PolicyError;
using zhixing::relief::province_of_court;
using zhixing::relief::WageLookup;

namespace {

PolicyError::Code error_of(const std::string& text) {
  try {
    parse_policy(text);
  } catch (const PolicyError& e) {
    return e.code();
  }
  ADD_FAILURE() << "no PolicyError for: " << text;
  return PolicyError::Code::unreadable;
}

}  // namespace

TEST(ReliefPolicy, EmptyTextGivesTheDefaults) {
  Policy p = parse_policy("");
  EXPECT_EQ(p.ruleset, "relief-2024.1");
  EXPECT_EQ(p.cap_months, 36);
  EXPECT_TRUE(p.over_cap_requires_approval);
  EXPECT_EQ(p.income_per_head_threshold.fen(), 120000);
  EXPECT_EQ(p.medical_months, 6);
  EXPECT_TRUE(p.wages.empty());
}

TEST(ReliefPolicy, ReadsEveryKey) {
  Policy p = parse_policy(
      "# comment\n"
      "relief.ruleset = relief-2025.2\n"
      "relief.cap_months = 24\n"
      "relief.over_cap_requires_approval = false\n"
      "relief.income_per_head_threshold = 980.50\n"
      "relief.medical_months = 3\n"
      "relief.province_name.冀 = 河北省\n"
      "relief.wage.冀.2023.annual = 94818\n"
      "relief.wage.冀.2022.monthly = 7562.08\n"
      "court.code = 冀0633\n");  // keys outside relief. belong to others: ignored
  EXPECT_EQ(p.ruleset, "relief-2025.2");
  EXPECT_EQ(p.cap_months, 24);
  EXPECT_FALSE(p.over_cap_requires_approval);
  EXPECT_EQ(p.income_per_head_threshold.fen(), 98050);
  EXPECT_EQ(p.medical_months, 3);
  EXPECT_EQ(p.province_name("冀"), "河北省");
  EXPECT_EQ(p.province_name("京"), "京");
  ASSERT_EQ(p.wages.size(), 2u);
  EXPECT_EQ(p.wages[0].year, 2022);               // sorted
  EXPECT_EQ(p.wages[0].annual_fen, 756208 * 12);  // a monthly figure is kept as 12 ×
  EXPECT_EQ(p.wages[1].annual_fen, 9481800);
}

TEST(ReliefPolicy, RejectsUnknownKeysUnderRelief) {
  EXPECT_EQ(error_of("relief.cap_month = 36\n"), PolicyError::Code::unknown_key);
  EXPECT_EQ(error_of("relief.wage.冀.2023 = 94818\n"), PolicyError::Code::unknown_key);
  EXPECT_EQ(error_of("relief.wage.冀.2023.yearly = 94818\n"), PolicyError::Code::unknown_key);
}

TEST(ReliefPolicy, RejectsBadValues) {
  EXPECT_EQ(error_of("relief.cap_months = 0\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.cap_months = 36个月\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.medical_months = -1\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.income_per_head_threshold = 1,200\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.income_per_head_threshold = 0\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.over_cap_requires_approval = yes\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.wage.冀.20x3.annual = 94818\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.wage.河北.2023.annual = 94818\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.wage.冀.2023.annual = 9.4818e4\n"), PolicyError::Code::bad_value);
  EXPECT_EQ(error_of("relief.ruleset =\n"), PolicyError::Code::bad_value);
}

TEST(ReliefPolicy, RejectsTheSameYearTwice) {
  EXPECT_EQ(error_of("relief.wage.冀.2023.annual = 94818\nrelief.wage.冀.2023.monthly = 7901.50\n"),
            PolicyError::Code::duplicate_year);
}

TEST(ReliefPolicy, ErrorsNameTheKey) {
  try {
    parse_policy("relief.cap_months = many\n");
    FAIL();
  } catch (const PolicyError& e) {
    EXPECT_EQ(e.key(), "relief.cap_months");
    EXPECT_NE(std::string(e.what()).find("many"), std::string::npos);
  }
}

TEST(ReliefPolicy, WageLookupUsesThePreviousYear) {
  Policy p = parse_policy(
      "relief.wage.冀.2021.annual = 83000\n"
      "relief.wage.冀.2022.annual = 90745\n"
      "relief.wage.冀.2023.annual = 94818\n"
      "relief.wage.晋.2024.annual = 88000\n");
  WageLookup w = p.wage_for_decision_year("冀", 2024);
  EXPECT_EQ(w.result, WageLookup::Result::exact);
  EXPECT_EQ(w.wanted_year, 2023);
  EXPECT_EQ(w.used_year, 2023);
  EXPECT_EQ(w.annual_fen, 9481800);
  EXPECT_EQ(p.wage_for_decision_year("冀", 2023).used_year, 2022);
}

TEST(ReliefPolicy, WageLookupFallsBackToTheLatestPublishedYear) {
  Policy p = parse_policy(
      "relief.wage.冀.2021.annual = 83000\n"
      "relief.wage.冀.2023.annual = 94818\n"
      "relief.wage.晋.2024.annual = 88000\n");  // another province's later year is no use
  WageLookup w = p.wage_for_decision_year("冀", 2026);
  EXPECT_EQ(w.result, WageLookup::Result::fallback);
  EXPECT_EQ(w.wanted_year, 2025);
  EXPECT_EQ(w.used_year, 2023);
  // 2022 missing between two published years: the latest year ≤ 2022, not the nearest.
  EXPECT_EQ(p.wage_for_decision_year("冀", 2023).used_year, 2021);
  // Nothing that early: the latest configured year.
  WageLookup early = p.wage_for_decision_year("冀", 2010);
  EXPECT_EQ(early.result, WageLookup::Result::fallback);
  EXPECT_EQ(early.used_year, 2023);
}

TEST(ReliefPolicy, WageLookupWithoutTheProvince) {
  Policy p = parse_policy("relief.wage.冀.2023.annual = 94818\n");
  WageLookup w = p.wage_for_decision_year("京", 2024);
  EXPECT_EQ(w.result, WageLookup::Result::no_province);
  EXPECT_EQ(w.used_year, 0);
  EXPECT_EQ(w.annual_fen, 0);
}

TEST(ReliefPolicy, ProvinceIsTheCourtCodesFirstCharacter) {
  EXPECT_EQ(province_of_court("冀0633"), "冀");
  EXPECT_EQ(province_of_court("冀"), "冀");
  EXPECT_EQ(province_of_court(""), "");
}

TEST(ReliefPolicy, TheShippedConfigLoads) {
  Policy p =
      load_relief_policy(std::string(ZHIXING_SOURCE_DIR) + "/config/relief-policy.properties");
  EXPECT_EQ(p.ruleset, "relief-2024.1");
  EXPECT_EQ(p.cap_months, 36);
  EXPECT_EQ(p.province_name("冀"), "河北省");
  WageLookup w = p.wage_for_decision_year("冀", 2024);
  EXPECT_EQ(w.result, WageLookup::Result::exact);
  EXPECT_EQ(w.annual_fen, 9481800);
  EXPECT_EQ(p.wage_for_decision_year("冀", 2023).annual_fen, 9074500);
}

TEST(ReliefPolicy, AMissingFileIsUnreadable) {
  try {
    load_relief_policy("/nonexistent/relief-policy.properties");
    FAIL();
  } catch (const PolicyError& e) {
    EXPECT_EQ(e.code(), PolicyError::Code::unreadable);
  }
}
