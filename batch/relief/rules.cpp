#include "relief/rules.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "core/sha256.h"

namespace zhixing::relief {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::eligible:
      return "eligible";
    case Outcome::ineligible:
      return "ineligible";
    case Outcome::needs_review:
      return "needs_review";
  }
  throw std::logic_error("outcome_name: unknown outcome");
}

std::string_view rule_id_name(RuleId id) {
  switch (id) {
    case RuleId::no_application:
      return "no_application";
    case RuleId::person_applicant:
      return "person_applicant";
    case RuleId::livelihood_category:
      return "livelihood_category";
    case RuleId::ground_item:
      return "ground_item";
    case RuleId::debtor_cannot_pay:
      return "debtor_cannot_pay";
    case RuleId::hardship:
      return "hardship";
    case RuleId::no_hardship:
      return "no_hardship";
    case RuleId::flag_major_fault:
      return "flag_major_fault";
    case RuleId::flag_refused_cooperation:
      return "flag_refused_cooperation";
    case RuleId::flag_false_statement:
      return "flag_false_statement";
    case RuleId::flag_waived_claim:
      return "flag_waived_claim";
    case RuleId::flag_hardship_unrelated:
      return "flag_hardship_unrelated";
    case RuleId::flag_aided_elsewhere:
      return "flag_aided_elsewhere";
    case RuleId::flag_unknown:
      return "flag_unknown";
    case RuleId::once_only:
      return "once_only";
    case RuleId::outstanding_loss:
      return "outstanding_loss";
    case RuleId::wage_table_fallback:
      return "wage_table_fallback";
    case RuleId::cap:
      return "cap";
    case RuleId::over_cap:
      return "over_cap";
    case RuleId::over_loss:
      return "over_loss";
  }
  throw std::logic_error("rule_id_name: unknown rule id");
}

Outcome outcome_of(const std::vector<Rule>& rules) {
  bool review = false;
  for (const auto& r : rules) {
    if (r.passed) continue;
    if (r.effect == Effect::excludes) return Outcome::ineligible;
    if (r.effect == Effect::needs_review) review = true;
  }
  return review ? Outcome::needs_review : Outcome::eligible;
}

Rule debtor_cannot_pay_rule(const DebtorFacts& facts) {
  // Items 六 and 七 of 法发〔2016〕16号 第三条 need proof that the debtor cannot pay: typically
  // a 终本 ruling (which itself requires exhausted property searches: 最高人民法院关于严格规范
  // 终结本次执行程序的规定（试行）, 法〔2016〕373号) or investigation records that found nothing.
  if (facts.closure_kind == "terminated_current")
    return {RuleId::debtor_cannot_pay, true, Effect::needs_review,
            "案件已以终结本次执行程序结案，被执行人无财产可供执行"};
  if (facts.closure_kind == "terminated")
    return {RuleId::debtor_cannot_pay, true, Effect::needs_review,
            "案件已以终结执行结案，被执行人无履行能力"};
  if (facts.inquiries > 0 && facts.inquiries_found == 0)
    return {RuleId::debtor_cannot_pay, true, Effect::needs_review,
            "财产查询" + std::to_string(facts.inquiries) + "次均未发现可供执行的财产"};
  if (facts.inquiries_found > 0)
    return {RuleId::debtor_cannot_pay, false, Effect::needs_review,
            "财产查询" + std::to_string(facts.inquiries) + "次中有" +
                std::to_string(facts.inquiries_found) + "次发现财产，被执行人的履行能力需核实"};
  return {RuleId::debtor_cannot_pay, false, Effect::needs_review,
          "案件未以终结本次执行程序或终结执行结案，也无财产查询记录，被执行人无履行能力未查明"};
}

Money outstanding_loss_of(Money claim, Money recovered, Money prior_compensation) {
  Money left = claim - recovered - prior_compensation;
  return left < Money() ? Money() : left;
}

Rule outstanding_loss_rule(Money claim, Money recovered, std::optional<Money> prior_compensation,
                           Money outstanding) {
  std::string detail =
      "（申请执行标的" + claim.plain() + "元－已执行到位" + recovered.plain() + "元";
  if (prior_compensation && prior_compensation->fen() != 0)
    detail += "－其他途径赔偿" + prior_compensation->plain() + "元";
  detail += "）";
  // Relief never exceeds what was awarded and not enforced (法发〔2016〕16号), so nothing
  // outstanding means nothing to relieve.
  if (outstanding.fen() > 0)
    return {RuleId::outstanding_loss, true, Effect::excludes,
            "尚未获得赔偿的损失" + outstanding.plain() + "元" + detail};
  return {RuleId::outstanding_loss, false, Effect::excludes, "已无未获赔偿的损失" + detail};
}

Money cap_of(const Policy& policy, const WageLookup& wage) {
  if (wage.result == WageLookup::Result::no_province) return Money();
  return Money::from_fen(mul_fen(wage.annual_fen, policy.cap_months) / 12);
}

namespace {

// "7901.50" when the annual figure divides by 12, else "（年平均工资90745元÷12）".
std::string monthly_wage_text(int64_t annual_fen) {
  if (annual_fen % 12 == 0) return Money::from_fen(annual_fen / 12).decimal() + "元";
  return "（年平均工资" + Money::from_fen(annual_fen).plain() + "元÷12）";
}

}  // namespace

void append_cap_rules(const Policy& policy, std::string_view province, const WageLookup& wage,
                      Money cap, std::vector<Rule>& rules) {
  const std::string name(policy.province_name(province));
  if (wage.result == WageLookup::Result::no_province) {
    rules.push_back({RuleId::cap, false, Effect::needs_review,
                     "工资表中没有" + name + "的职工平均工资，无法计算救助上限"});
    return;
  }
  if (wage.result == WageLookup::Result::fallback) {
    // Last year's figure is not configured (not yet published): the latest published year.
    std::string reason = name + std::to_string(wage.wanted_year) + "年职工平均工资未配置，";
    reason += wage.used_year < wage.wanted_year
                  ? "按已公布的最近年度" + std::to_string(wage.used_year) + "年计算"
                  : "且无更早年度，按" + std::to_string(wage.used_year) + "年计算";
    rules.push_back({RuleId::wage_table_fallback, true, Effect::none, std::move(reason)});
  }
  rules.push_back({RuleId::cap, true, Effect::needs_review,
                   "救助上限" + cap.plain() + "元（" + std::to_string(policy.cap_months) + "个月×" +
                       name + std::to_string(wage.used_year) + "年职工月平均工资" +
                       monthly_wage_text(wage.annual_fen) + "）"});
}

// ---- canonical inputs ----

CanonicalInputs::CanonicalInputs(std::string_view schema) {
  text_.reserve(640);
  text_.append(schema);
  text_ += '\n';
}

void CanonicalInputs::key(std::string_view k) {
  text_.append(k);
  text_ += '=';
}

void CanonicalInputs::text(std::string_view k, std::string_view value) {
  key(k);
  {
    std::array<char, 24> buf;
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value.size());
    text_.append(buf.data(), end);
  }
  text_ += ':';
  text_.append(value);
  text_ += '\n';
}

void CanonicalInputs::integer(std::string_view k, int64_t value) {
  key(k);
  std::array<char, 24> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  text_.append(buf.data(), end);
  text_ += '\n';
}

void CanonicalInputs::integer(std::string_view k, std::optional<int> value) {
  if (value)
    integer(k, static_cast<int64_t>(*value));
  else
    null(k);
}

void CanonicalInputs::flag(std::string_view k, bool value) {
  key(k);
  text_ += value ? "true\n" : "false\n";
}

void CanonicalInputs::flag(std::string_view k, std::optional<bool> value) {
  if (value)
    flag(k, *value);
  else
    null(k);
}

void CanonicalInputs::money(std::string_view k, std::optional<Money> value) {
  if (value)
    money(k, *value);
  else
    null(k);
}

void CanonicalInputs::null(std::string_view k) {
  key(k);
  text_ += "null\n";
}

void CanonicalInputs::policy(const Policy& policy, std::string_view province,
                             const WageLookup& wage) {
  text("ruleset", policy.ruleset);
  integer("cap_months", static_cast<int64_t>(policy.cap_months));
  flag("over_cap_requires_approval", policy.over_cap_requires_approval);
  money("income_per_head_threshold_fen", policy.income_per_head_threshold);
  integer("medical_months", static_cast<int64_t>(policy.medical_months));
  text("province", province);
  text("province_name", policy.province_name(province));  // appears in the reasons
  integer("wage_wanted_year", static_cast<int64_t>(wage.wanted_year));
  integer("wage_used_year", static_cast<int64_t>(wage.used_year));
  integer("wage_annual_fen", wage.annual_fen);
}

std::string CanonicalInputs::sha256_hex() const { return zhixing::sha256_hex(text_); }

std::string policy_sha256(const Policy& policy) {
  CanonicalInputs c("zhixing.relief.policy/1");
  c.text("assessment_schema", kAssessmentInputSchema);
  c.text("screening_schema", kScreeningInputSchema);
  c.text("ruleset", policy.ruleset);
  c.integer("cap_months", static_cast<int64_t>(policy.cap_months));
  c.flag("over_cap_requires_approval", policy.over_cap_requires_approval);
  c.money("income_per_head_threshold_fen", policy.income_per_head_threshold);
  c.integer("medical_months", static_cast<int64_t>(policy.medical_months));
  for (const auto& [code, name] : policy.province_names) {
    c.text("province", code);
    c.text("province_name", name);
  }
  for (const auto& w : policy.wages) {
    c.text("wage_province", w.province);
    c.integer("wage_year", static_cast<int64_t>(w.year));
    c.integer("wage_annual_fen", w.annual_fen);
  }
  return c.sha256_hex();
}

Date next_decision_year_starts(int decision_year) {
  auto d = Date::from_ymd(decision_year + 1, 1, 1);
  if (!d) throw std::logic_error("next_decision_year_starts: year out of range");
  return *d;
}

}  // namespace zhixing::relief
