#include "relief/screening.h"

#include "core/labels.h"
#include "relief/rules.h"

namespace zhixing::relief {

std::optional<Assessment> screen(const CaseRecord& record, const Policy& policy,
                                 Date business_date) {
  if (record.relief) return std::nullopt;
  if (!record.closure ||
      (record.closure->kind != "terminated_current" && record.closure->kind != "terminated"))
    return std::nullopt;
  if (record.claim <= record.recovered) return std::nullopt;
  bool person_applicant = false;
  for (const auto& p : record.parties)
    if (p.role == "applicant" && p.is_person()) person_applicant = true;
  if (!person_applicant) return std::nullopt;
  bool livelihood = false;
  for (const auto& c : record.categories)
    if (is_livelihood_category(c)) livelihood = true;
  if (!livelihood) return std::nullopt;

  Assessment a;
  a.case_number = record.case_number.text();
  a.ruleset = policy.ruleset;
  a.rules.reserve(8);
  a.rules.push_back({RuleId::no_application, false, Effect::needs_review,
                     "案件无国家司法救助申请，初步符合救助条件，应告知申请执行人可以申请"});
  a.rules.push_back({RuleId::person_applicant, true, Effect::excludes, "申请执行人中有自然人"});

  std::string labels;
  for (const auto& c : record.categories) {
    if (!is_livelihood_category(c)) continue;
    if (!labels.empty()) labels += "、";
    labels += category_label(c);
  }
  a.rules.push_back(
      {RuleId::livelihood_category, true, Effect::needs_review, "案件属民生案件：" + labels});
  a.rules.push_back(debtor_cannot_pay_rule({record.closure->kind, 0, 0}));
  // No application, so no statement of other compensation: the loss is claim − recovered.
  a.outstanding_loss = outstanding_loss_of(record.claim, record.recovered, Money());
  a.rules.push_back(
      outstanding_loss_rule(record.claim, record.recovered, std::nullopt, a.outstanding_loss));

  const std::string_view province = province_of_court(record.case_number.court_code);
  const WageLookup wage = policy.wage_for_decision_year(province, business_date.year());
  a.cap = cap_of(policy, wage);
  a.wage_year = wage.used_year;
  append_cap_rules(policy, province, wage, a.cap, a.rules);
  a.outcome = outcome_of(a.rules);  // needs_review: no_application never passes

  CanonicalInputs c(kScreeningInputSchema);
  c.policy(policy, province, wage);
  c.text("case_number", a.case_number);
  c.text("closure_kind", record.closure->kind);
  c.money("claim_fen", record.claim);
  c.money("recovered_fen", record.recovered);
  c.text("livelihood_categories", labels);
  c.integer("decision_year", static_cast<int64_t>(business_date.year()));
  a.inputs_sha256 = c.sha256_hex();
  a.changes_on = next_decision_year_starts(business_date.year());
  return a;
}

}  // namespace zhixing::relief
