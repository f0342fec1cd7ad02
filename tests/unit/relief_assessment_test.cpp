#include "relief/assessment.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/id_number.h"
#include "relief/policy.h"
#include "relief/screening.h"

namespace {

using zhixing::CaseNumber;
using zhixing::CaseRecord;
using zhixing::Closure;
using zhixing::Date;
using zhixing::Measure;
using zhixing::Money;
using zhixing::PanelDecision;
using zhixing::Party;
using zhixing::ReliefApplication;
using zhixing::relief::Assessment;
using zhixing::relief::Outcome;
using zhixing::relief::Policy;
using zhixing::relief::Rule;
using zhixing::relief::RuleId;

// Figures of this test only (not the shipped config): the cap is 36 × 7901.50 = 284454 元 for
// a 2024 decision and 36 × (90745 ÷ 12) = 272235 元 for a 2023 one.
constexpr std::string_view kPolicyText =
    "relief.ruleset = relief-test.1\n"
    "relief.province_name.冀 = 河北省\n"
    "relief.wage.冀.2022.annual = 90745\n"
    "relief.wage.冀.2023.annual = 94818\n";
constexpr int64_t kCap2024_fen = 28445400;
constexpr int64_t kCap2023_fen = 27223500;

const Policy& test_policy() {
  static const Policy policy = zhixing::relief::parse_policy(kPolicyText);
  return policy;
}

Date d(const char* iso) { return *Date::parse_iso(iso); }
Money yuan(int64_t y) { return Money::from_yuan(y); }

// Synthetic ID numbers: 17 chosen digits and the computed check character.
std::string synthetic_id(const std::string& first17) {
  return first17 + zhixing::id_number_check_character(first17);
}

Party person(const char* id, const char* role, const char* name, const char* first17) {
  Party p;
  p.id = id;
  p.role = role;
  p.kind = "person";
  p.name = name;
  p.address = "河北省易县易州镇某村";
  p.gender = "女";
  p.birth_date = d("1950-01-01");
  p.ethnicity = "汉族";
  p.id_number = synthetic_id(first17);
  return p;
}

// An application that passes every rule: a support (item 六) claim of 36000 元 closed as 终本,
// a 低保 holder with no flags, decided in 2024.
CaseRecord eligible_case() {
  CaseRecord c;
  c.case_number = *CaseNumber::parse("（2024）冀0633执1234号");
  c.filed_on = d("2024-03-05");
  c.cause = "赡养费纠纷";
  c.categories = {"elderly_support"};
  c.claim = yuan(36000);
  c.recovered = yuan(0);
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), false};
  c.officers.enforcers = {"王立新"};
  c.officers.clerk = "陈静";
  c.parties.push_back(person("a1", "applicant", "张秀兰", "13063319500101002"));
  c.parties.push_back(person("r1", "respondent", "刘建国", "13063319750601113"));
  c.parties[1].gender = "男";
  ReliefApplication r;
  r.applicant = "a1";
  r.applied_on = d("2024-08-01");
  r.ground = "support";
  r.basis_item = "六";
  r.household_size = 1;
  r.household_monthly_income = yuan(300);
  r.has_dibao = true;
  r.medical_expenses = yuan(0);
  r.prior_compensation = yuan(0);
  c.relief = r;
  return c;
}

struct Facts {
  bool already_received = false;
  Date business_date = d("2024-09-30");
};

Assessment run(const CaseRecord& c, const Facts& f = {}, const Policy& p = test_policy()) {
  return zhixing::relief::assess(
      zhixing::relief::input_from_case(c, f.already_received, f.business_date), p);
}

const Rule* find_rule(const Assessment& a, RuleId id) {
  for (const auto& r : a.rules)
    if (r.id == id) return &r;
  return nullptr;
}

Measure inquiry(const char* on, const char* result) {
  Measure m;
  m.kind = "inquiry";
  m.on = d(on);
  m.against = "r1";
  m.result = result;
  return m;
}

void set_hardship(CaseRecord& c, std::optional<bool> dibao, std::optional<int> size,
                  std::optional<int64_t> income_yuan, std::optional<int64_t> medical_fen) {
  auto& r = *c.relief;
  r.has_dibao = dibao;
  r.household_size = size;
  r.household_monthly_income =
      income_yuan ? std::optional<Money>(yuan(*income_yuan)) : std::nullopt;
  r.medical_expenses =
      medical_fen ? std::optional<Money>(Money::from_fen(*medical_fen)) : std::nullopt;
}

void panel(CaseRecord& c, int64_t amount_yuan, bool exception_approved,
           const char* decided_on = "2024-09-10") {
  PanelDecision p;
  p.decided_on = d(decided_on);
  p.granted = true;
  p.amount = yuan(amount_yuan);
  p.members = {"赵志远", "王立新", "李红"};
  p.exception_approved = exception_approved;
  c.relief->panel = p;
}

struct Scenario {
  const char* name;
  std::function<void(CaseRecord&, Facts&)> change;
  Outcome outcome;
  RuleId rule;  // must appear with `passed`
  bool passed;
  const char* reason_has;  // substring of that rule's reason ("" = not checked)
};

void PrintTo(const Scenario& s, std::ostream* os) { *os << s.name; }

class ReliefAssessmentScenario : public ::testing::TestWithParam<Scenario> {};

TEST_P(ReliefAssessmentScenario, DecidesAndExplains) {
  const Scenario& s = GetParam();
  CaseRecord c = eligible_case();
  Facts f;
  s.change(c, f);
  Assessment a = run(c, f);
  EXPECT_EQ(zhixing::relief::outcome_name(a.outcome), zhixing::relief::outcome_name(s.outcome));
  const Rule* r = find_rule(a, s.rule);
  ASSERT_NE(r, nullptr) << "rule " << zhixing::relief::rule_id_name(s.rule) << " missing";
  EXPECT_EQ(r->passed, s.passed) << r->reason;
  EXPECT_NE(r->reason.find(s.reason_has), std::string::npos) << r->reason;
  EXPECT_EQ(a.proposed.has_value(), s.outcome == Outcome::eligible);
  EXPECT_EQ(a.ruleset, "relief-test.1");
  EXPECT_EQ(a.inputs_sha256.size(), 64u);
}

auto no_change = [](CaseRecord&, Facts&) {};

auto ground(const char* g, const char* item) {
  return [g, item](CaseRecord& c, Facts&) {
    c.relief->ground = g;
    c.relief->basis_item = item;
  };
}

auto with_flag(const char* flag) {
  return [flag](CaseRecord& c, Facts&) { c.relief->flags = {flag}; };
}

const Scenario kScenarios[] = {
    // ---- grounds: 法发〔2016〕16号 第三条 items 一–八 ----
    {"ground_support_item6", no_change, Outcome::eligible, RuleId::ground_item, true,
     "第三条第（六）项：追索赡养费"},
    {"ground_tort_injury_item7", ground("tort_injury", "七"), Outcome::eligible,
     RuleId::ground_item, true, "第三条第（七）项：道路交通事故"},
    {"ground_retaliation_item5", ground("retaliation", "五"), Outcome::eligible,
     RuleId::ground_item, true, "第三条第（五）项"},
    {"ground_crime_victim_item1", ground("crime_victim", "一"), Outcome::eligible,
     RuleId::ground_item, true, "第三条第（一）项"},
    {"ground_crime_victim_item2", ground("crime_victim", "二"), Outcome::eligible,
     RuleId::ground_item, true, "第三条第（二）项"},
    {"ground_crime_victim_item3", ground("crime_victim", "三"), Outcome::eligible,
     RuleId::ground_item, true, "第三条第（三）项"},
    {"ground_crime_victim_item4", ground("crime_victim", "四"), Outcome::eligible,
     RuleId::ground_item, true, "第三条第（四）项"},
    {"ground_other_item8_migrant_wages",
     [](CaseRecord& c, Facts&) {
       c.categories = {"migrant_wages"};
       c.relief->ground = "other";
       c.relief->basis_item = "八";
     },
     Outcome::eligible, RuleId::ground_item, true, "农民工工资"},
    {"ground_other_item8_without_wage_category_needs_review", ground("other", "八"),
     Outcome::needs_review, RuleId::ground_item, false, "兜底情形"},
    {"ground_crime_victim_without_item_needs_review", ground("crime_victim", ""),
     Outcome::needs_review, RuleId::ground_item, false, "（一）至（四）"},
    {"ground_crime_victim_item6_needs_review", ground("crime_victim", "六"), Outcome::needs_review,
     RuleId::ground_item, false, "（一）至（四）"},
    {"ground_item_disagrees_needs_review", ground("support", "七"), Outcome::needs_review,
     RuleId::ground_item, false, "不一致"},
    {"ground_support_item_derived", ground("support", ""), Outcome::eligible, RuleId::ground_item,
     true, "第三条第（六）项"},
    {"ground_unknown_needs_review", ground("lottery", ""), Outcome::needs_review,
     RuleId::ground_item, false, "无法识别"},

    // ---- exclusions ----
    {"flag_major_fault", with_flag("major_fault"), Outcome::ineligible, RuleId::flag_major_fault,
     false, "重大过错"},
    {"flag_refused_cooperation", with_flag("refused_cooperation"), Outcome::ineligible,
     RuleId::flag_refused_cooperation, false, "拒不配合"},
    {"flag_false_statement", with_flag("false_statement"), Outcome::ineligible,
     RuleId::flag_false_statement, false, "虚假陈述"},
    {"flag_waived_claim", with_flag("waived_claim"), Outcome::ineligible, RuleId::flag_waived_claim,
     false, "放弃民事赔偿"},
    {"flag_hardship_unrelated", with_flag("hardship_unrelated"), Outcome::ineligible,
     RuleId::flag_hardship_unrelated, false, "非案件原因"},
    {"flag_aided_elsewhere", with_flag("aided_elsewhere"), Outcome::ineligible,
     RuleId::flag_aided_elsewhere, false, "社会救助"},
    {"flag_absent_passes", no_change, Outcome::eligible, RuleId::flag_major_fault, true, "未记载"},
    {"flag_unknown_needs_review", with_flag("lucky"), Outcome::needs_review, RuleId::flag_unknown,
     false, "1项"},
    {"once_only_already_received", [](CaseRecord&, Facts& f) { f.already_received = true; },
     Outcome::ineligible, RuleId::once_only, false, "只救助一次"},
    {"once_only_first_time", no_change, Outcome::eligible, RuleId::once_only, true, "未就本案"},
    {"org_applicant_ineligible",
     [](CaseRecord& c, Facts&) {
       c.parties[0].kind = "org";
       c.parties[0].uscc = "91130633MA0000000X";
     },
     Outcome::ineligible, RuleId::person_applicant, false, "法人或者其他组织"},
    {"applicant_not_a_party_needs_review",
     [](CaseRecord& c, Facts&) { c.relief->applicant = "a9"; }, Outcome::needs_review,
     RuleId::person_applicant, false, "不在本案当事人"},
    {"applicant_is_respondent_needs_review",
     [](CaseRecord& c, Facts&) { c.relief->applicant = "r1"; }, Outcome::needs_review,
     RuleId::person_applicant, false, "不是本案申请执行人"},
    {"nothing_outstanding_all_recovered", [](CaseRecord& c, Facts&) { c.recovered = c.claim; },
     Outcome::ineligible, RuleId::outstanding_loss, false, "已无未获赔偿的损失"},
    {"nothing_outstanding_after_prior_compensation",
     [](CaseRecord& c, Facts&) {
       c.recovered = yuan(6000);
       c.relief->prior_compensation = yuan(40000);  // more than what is left: loss stays 0
     },
     Outcome::ineligible, RuleId::outstanding_loss, false, "其他途径赔偿40000元"},
    {"exclusion_beats_needs_review",
     [](CaseRecord& c, Facts&) {
       c.relief->flags = {"major_fault"};
       c.status = "open";
       c.closure.reset();  // debtor's ability unproven as well
     },
     Outcome::ineligible, RuleId::debtor_cannot_pay, false, ""},

    // ---- hardship ----
    {"hardship_dibao", no_change, Outcome::eligible, RuleId::hardship, true,
     "申请人持有低保证，生活困难"},
    {"hardship_income_per_head_below_threshold",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 3, 3500, 0); },  // 1166.66 < 1200
     Outcome::eligible, RuleId::hardship, true, "家庭人均月收入1166.66元，低于标准1200元"},
    {"hardship_income_per_head_at_threshold_is_not_below",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 2, 2400, 0); }, Outcome::ineligible,
     RuleId::no_hardship, false, "家庭人均月收入1200元不低于标准1200元"},
    {"hardship_medical_expenses_six_months",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 2, 5000, 3000000); },  // = 6 × 5000
     Outcome::eligible, RuleId::hardship, true, "尚欠医疗费30000元，达到家庭月收入的6倍"},
    {"hardship_medical_expenses_one_fen_short",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 2, 5000, 2999999); }, Outcome::ineligible,
     RuleId::no_hardship, false, "医疗费29999.99元"},
    {"hardship_zero_income_is_below_threshold",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 4, 0, std::nullopt); }, Outcome::eligible,
     RuleId::hardship, true, "人均月收入0元"},
    {"hardship_facts_above_every_threshold",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 2, 8000, 100000); }, Outcome::ineligible,
     RuleId::no_hardship, false, "无生活困难"},
    {"hardship_income_missing_needs_review",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 2, std::nullopt, 0); },
     Outcome::needs_review, RuleId::hardship, false, "缺少家庭月收入"},
    {"hardship_nothing_known_needs_review",
     [](CaseRecord& c, Facts&) {
       set_hardship(c, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
     },
     Outcome::needs_review, RuleId::hardship, false,
     "缺少是否持有低保证、家庭人口、家庭月收入、医疗费"},
    {"hardship_medical_unknown_needs_review",
     [](CaseRecord& c, Facts&) { set_hardship(c, false, 1, 5000, std::nullopt); },
     Outcome::needs_review, RuleId::hardship, false, "缺少医疗费"},

    // ---- the debtor cannot pay ----
    {"debtor_terminated_current", no_change, Outcome::eligible, RuleId::debtor_cannot_pay, true,
     "案件已以终结本次执行程序结案，被执行人无财产可供执行"},
    {"debtor_terminated", [](CaseRecord& c, Facts&) { c.closure->kind = "terminated"; },
     Outcome::eligible, RuleId::debtor_cannot_pay, true, "终结执行"},
    {"debtor_open_inquiries_found_nothing",
     [](CaseRecord& c, Facts&) {
       c.status = "open";
       c.closure.reset();
       c.measures = {inquiry("2024-03-20", "none"), inquiry("2024-05-20", "none")};
     },
     Outcome::eligible, RuleId::debtor_cannot_pay, true, "财产查询2次均未发现"},
    {"debtor_open_inquiry_found_property_needs_review",
     [](CaseRecord& c, Facts&) {
       c.status = "open";
       c.closure.reset();
       c.measures = {inquiry("2024-03-20", "none"), inquiry("2024-05-20", "found")};
     },
     Outcome::needs_review, RuleId::debtor_cannot_pay, false, "2次中有1次发现财产"},
    {"debtor_open_without_inquiry_needs_review",
     [](CaseRecord& c, Facts&) {
       c.status = "open";
       c.closure.reset();
     },
     Outcome::needs_review, RuleId::debtor_cannot_pay, false, "无财产查询记录"},
    {"debtor_performed_closure_needs_review",
     [](CaseRecord& c, Facts&) { c.closure->kind = "performed"; }, Outcome::needs_review,
     RuleId::debtor_cannot_pay, false, "未以终结本次执行程序或终结执行结案"},

    // ---- amount ----
    {"cap_36_months_of_2023_wage_for_2024", [](CaseRecord& c, Facts&) { c.claim = yuan(500000); },
     Outcome::eligible, RuleId::cap, true,
     "救助上限284454元（36个月×河北省2023年职工月平均工资7901.50元）"},
    {"cap_previous_year_2022_for_2023",
     [](CaseRecord& c, Facts&) { panel(c, 30000, false, "2023-12-20"); }, Outcome::eligible,
     RuleId::cap, true,
     "救助上限272235元（36个月×河北省2022年职工月平均工资（年平均工资90745元÷12））"},
    {"cap_fallback_to_latest_published",
     [](CaseRecord&, Facts& f) { f.business_date = d("2026-01-05"); }, Outcome::eligible,
     RuleId::wage_table_fallback, true,
     "河北省2025年职工平均工资未配置，按已公布的最近年度2023年计算"},
    {"cap_fallback_to_latest_overall",
     [](CaseRecord&, Facts& f) { f.business_date = d("2015-06-01"); }, Outcome::eligible,
     RuleId::wage_table_fallback, true, "且无更早年度，按2023年计算"},
    {"cap_unknown_province_needs_review",
     [](CaseRecord& c, Facts&) { c.case_number = *CaseNumber::parse("（2024）京0105执77号"); },
     Outcome::needs_review, RuleId::cap, false, "工资表中没有京"},
    {"panel_amount_within_cap", [](CaseRecord& c, Facts&) { panel(c, 30000, false); },
     Outcome::eligible, RuleId::over_cap, true,
     "合议庭决定救助金额30000元，未超过救助上限284454元"},
    {"panel_amount_above_cap_without_approval",
     [](CaseRecord& c, Facts&) {
       c.claim = yuan(400000);
       panel(c, 300000, false);
     },
     Outcome::needs_review, RuleId::over_cap, false, "未经批准例外救助"},
    {"panel_amount_above_cap_with_approval",
     [](CaseRecord& c, Facts&) {
       c.claim = yuan(400000);
       panel(c, 300000, true);
     },
     Outcome::eligible, RuleId::over_cap, true, "已经批准例外救助"},
    {"panel_amount_above_outstanding_loss", [](CaseRecord& c, Facts&) { panel(c, 36001, true); },
     Outcome::needs_review, RuleId::over_loss, false, "超过尚未获得赔偿的损失36000元"},
    {"panel_amount_equal_to_outstanding_loss",
     [](CaseRecord& c, Facts&) { panel(c, 36000, false); }, Outcome::eligible, RuleId::over_loss,
     true, "未超过尚未获得赔偿的损失36000元"},
};

INSTANTIATE_TEST_SUITE_P(Relief, ReliefAssessmentScenario, ::testing::ValuesIn(kScenarios),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- amounts, exactly ----

TEST(ReliefAssessment, ProposesTheOutstandingLossWhenBelowTheCap) {
  CaseRecord c = eligible_case();
  c.recovered = yuan(6000);
  c.relief->prior_compensation = yuan(1000);
  Assessment a = run(c);
  ASSERT_EQ(a.outcome, Outcome::eligible);
  EXPECT_EQ(a.outstanding_loss.fen(), 2900000);
  EXPECT_EQ(a.cap.fen(), kCap2024_fen);
  EXPECT_EQ(a.proposed->fen(), 2900000);
  EXPECT_EQ(a.basis_item, 6);
  EXPECT_EQ(a.wage_year, 2023);
}

TEST(ReliefAssessment, ProposesTheCapWhenTheLossIsLarger) {
  CaseRecord c = eligible_case();
  c.claim = yuan(800000);
  Assessment a = run(c);
  ASSERT_EQ(a.outcome, Outcome::eligible);
  EXPECT_EQ(a.cap.fen(), kCap2024_fen);  // 36 × 7901.50
  EXPECT_EQ(a.proposed->fen(), kCap2024_fen);
}

TEST(ReliefAssessment, UsesThePanelYearsPreviousYearWage) {
  CaseRecord c = eligible_case();
  c.claim = yuan(800000);
  panel(c, 30000, false, "2023-12-20");
  Assessment a = run(c, Facts{false, d("2024-09-30")});  // the panel's year wins
  EXPECT_EQ(a.wage_year, 2022);
  EXPECT_EQ(a.cap.fen(), kCap2023_fen);
  EXPECT_EQ(a.proposed->fen(), kCap2023_fen);
  EXPECT_EQ(find_rule(a, RuleId::wage_table_fallback), nullptr);
}

TEST(ReliefAssessment, CapMonthsComeFromThePolicy) {
  Policy p = test_policy();
  p.cap_months = 12;
  CaseRecord c = eligible_case();
  c.claim = yuan(800000);
  Assessment a = run(c, {}, p);
  EXPECT_EQ(a.cap.fen(), 9481800);  // 12 × 7901.50
}

TEST(ReliefAssessment, OverCapWithoutApprovalPassesWhenThePolicyWaivesApproval) {
  Policy p = test_policy();
  p.over_cap_requires_approval = false;
  CaseRecord c = eligible_case();
  c.claim = yuan(400000);
  panel(c, 300000, false);
  Assessment a = run(c, {}, p);
  EXPECT_EQ(a.outcome, Outcome::eligible);
  EXPECT_TRUE(find_rule(a, RuleId::over_cap)->passed);
}

TEST(ReliefAssessment, WithoutFallbackThereIsNoFallbackRule) {
  Assessment a = run(eligible_case());
  EXPECT_EQ(find_rule(a, RuleId::wage_table_fallback), nullptr);
  EXPECT_EQ(find_rule(a, RuleId::over_cap), nullptr);  // no panel decision yet
  EXPECT_EQ(find_rule(a, RuleId::no_hardship), nullptr);
}

TEST(ReliefAssessment, RulesComeInTheDocumentedOrder) {
  CaseRecord c = eligible_case();
  panel(c, 30000, false);
  Assessment a = run(c, Facts{false, d("2026-01-05")});
  std::string ids;
  for (const auto& r : a.rules) ids += std::string(zhixing::relief::rule_id_name(r.id)) + " ";
  EXPECT_EQ(ids,
            "person_applicant ground_item debtor_cannot_pay hardship flag_major_fault "
            "flag_refused_cooperation flag_false_statement flag_waived_claim "
            "flag_hardship_unrelated flag_aided_elsewhere once_only outstanding_loss cap over_cap "
            "over_loss ");
}

TEST(ReliefAssessment, NoCaseHasNoApplication) {
  CaseRecord c = eligible_case();
  c.relief.reset();
  EXPECT_THROW(zhixing::relief::input_from_case(c, false, d("2024-09-30")), std::logic_error);
}

// ---- the input hash ----

TEST(ReliefAssessment, SameInputsGiveTheSameHash) {
  Assessment a = run(eligible_case());
  Assessment b = run(eligible_case());
  EXPECT_EQ(a.inputs_sha256, b.inputs_sha256);
  EXPECT_EQ(a.inputs_sha256.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(ReliefAssessment, FactsThatDoNotAffectTheResultDoNotChangeTheHash) {
  CaseRecord c = eligible_case();
  c.parties[0].address = "河北省易县某镇";
  c.officers.clerk = "另一书记员";
  EXPECT_EQ(run(c).inputs_sha256, run(eligible_case()).inputs_sha256);
}

TEST(ReliefAssessment, EveryChangedFactChangesTheHash) {
  const std::string base = run(eligible_case()).inputs_sha256;
  const std::pair<const char*, std::function<void(CaseRecord&, Facts&)>> changes[] = {
      {"claim", [](CaseRecord& c, Facts&) { c.claim = yuan(36001); }},
      {"recovered", [](CaseRecord& c, Facts&) { c.recovered = Money::from_fen(1); }},
      {"closure", [](CaseRecord& c, Facts&) { c.closure->kind = "terminated"; }},
      {"inquiry", [](CaseRecord& c, Facts&) { c.measures = {inquiry("2024-04-01", "none")}; }},
      {"category", [](CaseRecord& c, Facts&) { c.categories = {"migrant_wages"}; }},
      {"ground", [](CaseRecord& c, Facts&) { c.relief->ground = "tort_injury"; }},
      {"basis_item", [](CaseRecord& c, Facts&) { c.relief->basis_item = ""; }},
      {"household_size", [](CaseRecord& c, Facts&) { c.relief->household_size = 2; }},
      {"income", [](CaseRecord& c, Facts&) { c.relief->household_monthly_income = yuan(301); }},
      {"income_unknown", [](CaseRecord& c, Facts&) { c.relief->household_monthly_income.reset(); }},
      {"dibao", [](CaseRecord& c, Facts&) { c.relief->has_dibao = false; }},
      {"medical", [](CaseRecord& c, Facts&) { c.relief->medical_expenses = yuan(1); }},
      {"prior", [](CaseRecord& c, Facts&) { c.relief->prior_compensation = yuan(1); }},
      {"flag", [](CaseRecord& c, Facts&) { c.relief->flags = {"waived_claim"}; }},
      {"panel", [](CaseRecord& c, Facts&) { panel(c, 30000, false); }},
      {"once_only", [](CaseRecord&, Facts& f) { f.already_received = true; }},
      {"decision_year", [](CaseRecord&, Facts& f) { f.business_date = d("2025-01-02"); }},
      {"applicant", [](CaseRecord& c, Facts&) { c.parties[0].kind = "org"; }},
      {"case_number", [](CaseRecord& c, Facts&) { c.case_number.serial = 1235; }},
  };
  for (const auto& [name, change] : changes) {
    CaseRecord c = eligible_case();
    Facts f;
    change(c, f);
    EXPECT_NE(run(c, f).inputs_sha256, base) << name;
  }
  Policy p = test_policy();
  p.income_per_head_threshold = yuan(1300);
  EXPECT_NE(run(eligible_case(), {}, p).inputs_sha256, base) << "policy threshold";
  p = test_policy();
  p.wages.back().annual_fen += 1;
  EXPECT_NE(run(eligible_case(), {}, p).inputs_sha256, base) << "wage figure";
}

// ---- JSON ----

TEST(ReliefAssessment, JsonHasExactlyTheDocumentedShape) {
  Assessment a = run(eligible_case());
  const std::string json = zhixing::relief::to_json(a);
  EXPECT_EQ(
      json.rfind("{\"case_number\":\"（2024）冀0633执1234号\",\"outcome\":\"eligible\","
                 "\"proposed_fen\":3600000,\"cap_fen\":28445400,\"ruleset\":\"relief-test.1\","
                 "\"rules\":[{\"id\":\"person_applicant\",\"passed\":true,\"reason\":\"",
                 0),
      0u)
      << json;
  Poco::JSON::Parser parser;
  auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  std::vector<std::string> names;
  root->getNames(names);
  EXPECT_EQ(names.size(), 6u);
  auto rules = root->getArray("rules");
  ASSERT_EQ(rules->size(), a.rules.size());
  auto last = rules->getObject(static_cast<unsigned>(rules->size() - 1));
  EXPECT_EQ(last->getValue<std::string>("id"), "cap");
  EXPECT_TRUE(last->getValue<bool>("passed"));
  EXPECT_EQ(last->getValue<std::string>("reason"), a.rules.back().reason);
}

TEST(ReliefAssessment, JsonProposedIsNullUnlessEligible) {
  CaseRecord c = eligible_case();
  c.relief->flags = {"major_fault"};
  const std::string json = zhixing::relief::to_json(run(c));
  EXPECT_NE(json.find("\"outcome\":\"ineligible\",\"proposed_fen\":null,\"cap_fen\":28445400"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("{\"id\":\"flag_major_fault\",\"passed\":false,\"reason\":\""),
            std::string::npos);
}

TEST(ReliefAssessment, ReasonsCarryNoPersonalData) {
  CaseRecord c = eligible_case();
  const std::string json = zhixing::relief::to_json(run(c));
  EXPECT_EQ(json.find(c.parties[0].id_number.substr(0, 6)), std::string::npos);
  EXPECT_EQ(json.find(c.parties[0].name), std::string::npos);
}

// ---- screening ----

CaseRecord screening_candidate() {
  CaseRecord c = eligible_case();
  c.relief.reset();
  c.recovered = yuan(6000);
  return c;
}

TEST(ReliefScreening, ListsALivelihoodCaseClosedAsZhongbenWithMoneyOutstanding) {
  auto s = zhixing::relief::screen(screening_candidate(), test_policy(), d("2024-09-30"));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->outcome, Outcome::needs_review);
  EXPECT_FALSE(s->proposed.has_value());
  EXPECT_EQ(s->cap.fen(), kCap2024_fen);
  EXPECT_EQ(s->outstanding_loss.fen(), 3000000);
  ASSERT_FALSE(s->rules.empty());
  EXPECT_EQ(s->rules[0].id, RuleId::no_application);
  EXPECT_FALSE(s->rules[0].passed);
  const Rule* cat = find_rule(*s, RuleId::livelihood_category);
  ASSERT_NE(cat, nullptr);
  EXPECT_EQ(cat->reason, "案件属民生案件：赡养费");
  EXPECT_TRUE(find_rule(*s, RuleId::debtor_cannot_pay)->passed);
  EXPECT_EQ(s->inputs_sha256.size(), 64u);
  EXPECT_NE(zhixing::relief::to_json(*s).find("\"outcome\":\"needs_review\",\"proposed_fen\":null"),
            std::string::npos);
}

TEST(ReliefScreening, ListsATerminatedCase) {
  CaseRecord c = screening_candidate();
  c.closure->kind = "terminated";
  EXPECT_TRUE(zhixing::relief::screen(c, test_policy(), d("2024-09-30")).has_value());
}

TEST(ReliefScreening, SkipsCasesThatDoNotLookEligible) {
  const std::pair<const char*, std::function<void(CaseRecord&)>> skips[] = {
      {"has an application", [](CaseRecord& c) { c.relief = eligible_case().relief; }},
      {"organisation applicant", [](CaseRecord& c) { c.parties[0].kind = "org"; }},
      {"not a livelihood case", [](CaseRecord& c) { c.categories = {"financial_loan"}; }},
      {"no category", [](CaseRecord& c) { c.categories.clear(); }},
      {"open",
       [](CaseRecord& c) {
         c.status = "open";
         c.closure.reset();
       }},
      {"performed", [](CaseRecord& c) { c.closure->kind = "performed"; }},
      {"withdrawn", [](CaseRecord& c) { c.closure->kind = "withdrawn"; }},
      {"nothing outstanding", [](CaseRecord& c) { c.recovered = c.claim; }},
  };
  for (const auto& [name, change] : skips) {
    CaseRecord c = screening_candidate();
    change(c);
    EXPECT_FALSE(zhixing::relief::screen(c, test_policy(), d("2024-09-30")).has_value()) << name;
  }
}

TEST(ReliefScreening, HashChangesWithTheFactsAndNotOtherwise) {
  auto a = zhixing::relief::screen(screening_candidate(), test_policy(), d("2024-09-30"));
  auto b = zhixing::relief::screen(screening_candidate(), test_policy(), d("2024-10-01"));
  CaseRecord c = screening_candidate();
  c.recovered = yuan(7000);
  auto e = zhixing::relief::screen(c, test_policy(), d("2024-09-30"));
  EXPECT_EQ(a->inputs_sha256, b->inputs_sha256);  // same year: same cap, same result
  EXPECT_NE(a->inputs_sha256, e->inputs_sha256);
}

}  // namespace
