// What incremental relief runs rely on in the pure engine: the first date on which time alone
// changes an assessment, and a policy hash that changes with every figure of the policy.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>

#include "relief/assessment.h"
#include "relief/policy.h"
#include "relief/rules.h"
#include "relief/screening.h"

namespace {

using zhixing::CaseNumber;
using zhixing::CaseRecord;
using zhixing::Closure;
using zhixing::Date;
using zhixing::Money;
using zhixing::Party;
using zhixing::relief::AssessmentInput;
using zhixing::relief::Policy;

Date d(const char* iso) { return *Date::parse_iso(iso); }

const Policy& policy() {
  static const Policy p = zhixing::relief::parse_policy(
      "relief.wage.冀.2022.annual = 90745\nrelief.wage.冀.2023.annual = 94818\n");
  return p;
}

AssessmentInput application(int decision_year, bool panel_decided) {
  AssessmentInput in;
  in.case_number = "（2024）冀0633执1号";
  in.province = "冀";
  in.claim = Money::from_yuan(36000);
  in.ground = "support";
  in.panel_decided = panel_decided;
  in.decision_year = decision_year;
  return in;
}

TEST(ReliefTime, AnApplicationWithoutAPanelChangesOnTheNextFirstOfJanuary) {
  auto a = zhixing::relief::assess(application(2024, false), policy());
  ASSERT_TRUE(a.changes_on.has_value());
  EXPECT_EQ(a.changes_on->iso(), "2025-01-01");
  // And the next year's assessment is indeed another one (its own wage year and hash).
  auto next = zhixing::relief::assess(application(2025, false), policy());
  EXPECT_NE(next.inputs_sha256, a.inputs_sha256);
  EXPECT_EQ(next.changes_on->iso(), "2026-01-01");
}

TEST(ReliefTime, APanelDecisionFixesTheYearSoNoDateChangesIt) {
  EXPECT_FALSE(zhixing::relief::assess(application(2024, true), policy()).changes_on.has_value());
}

TEST(ReliefTime, AScreeningChangesOnTheFirstOfJanuaryAfterTheBusinessDate) {
  CaseRecord c;
  c.case_number = *CaseNumber::parse("（2024）冀0633执2号");
  c.categories = {"elderly_support"};
  c.claim = Money::from_yuan(36000);
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), false};
  Party p;
  p.id = "a1";
  p.role = "applicant";
  p.kind = "person";
  c.parties.push_back(p);
  auto s = zhixing::relief::screen(c, policy(), d("2024-12-31"));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->changes_on->iso(), "2025-01-01");
  auto later = zhixing::relief::screen(c, policy(), d("2025-01-01"));
  EXPECT_NE(later->inputs_sha256, s->inputs_sha256);
  EXPECT_EQ(later->changes_on->iso(), "2026-01-01");
}

TEST(ReliefTime, ThePolicyHashChangesWithEveryFigure) {
  const std::string base = zhixing::relief::policy_sha256(policy());
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(zhixing::relief::policy_sha256(policy()), base);
  const std::pair<const char*, std::function<void(Policy&)>> changes[] = {
      {"ruleset", [](Policy& p) { p.ruleset = "relief-2025.1"; }},
      {"cap months", [](Policy& p) { p.cap_months = 30; }},
      {"approval", [](Policy& p) { p.over_cap_requires_approval = false; }},
      {"income threshold", [](Policy& p) { p.income_per_head_threshold = Money::from_yuan(1300); }},
      {"medical months", [](Policy& p) { p.medical_months = 5; }},
      {"province name", [](Policy& p) { p.province_names.emplace_back("冀", "河北省"); }},
      {"wage figure", [](Policy& p) { p.wages.back().annual_fen += 100; }},
      {"wage year",
       [](Policy& p) {
         p.wages.push_back({"冀", 2024, 10000000});
       }},
      {"another province",
       [](Policy& p) {
         p.wages.push_back({"京", 2023, 10000000});
       }},
  };
  for (const auto& [name, change] : changes) {
    Policy p = policy();
    change(p);
    EXPECT_NE(zhixing::relief::policy_sha256(p), base) << name;
  }
}

}  // namespace
