// The assessment of one relief application: pure, no I/O. Decides eligible / ineligible /
// needs_review under 法发〔2016〕16号 (the grounds of 第三条, once only, the cap) and the grounds
// for refusing relief of 中政委〔2014〕3号, and explains every step as a rule with a one-line
// Chinese reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/case_record.h"
#include "core/date.h"
#include "core/money.h"
#include "relief/policy.h"
#include "relief/rules.h"

namespace zhixing::relief {

// The exclusion flags of the interchange format (case-record.md, Relief application `flags`),
// as bits of AssessmentInput::flag_bits.
enum class ExclusionFlag : uint8_t {
  major_fault,          // 重大过错
  refused_cooperation,  // 无正当理由拒不配合查明案件事实
  false_statement,      // 故意虚假陈述、伪造证据
  waived_claim,         // 放弃民事赔偿请求或拒绝侵权人赔偿
  hardship_unrelated,   // 生活困难非案件原因所致
  aided_elsewhere,      // 已通过社会救助等途径得到合理补偿、救助
};
inline constexpr int kExclusionFlagCount = 6;
std::optional<ExclusionFlag> parse_exclusion_flag(std::string_view name);
constexpr uint8_t flag_bit(ExclusionFlag f) { return uint8_t(1u << static_cast<int>(f)); }

// Every fact the assessment reads, flattened from the case record and the database. Building
// it is the caller's job (input_from_case); assess() reads nothing else, so the hash of these
// fields (plus the policy figures used) identifies the result.
struct AssessmentInput {
  std::string case_number;  // canonical text, （2024）冀0633执1234号
  std::string province;     // first character of the case number's court code: 冀
  // the enforcement case
  std::string closure_kind;  // "" unless closed
  int inquiries = 0;         // `inquiry` measures
  int inquiries_found = 0;   // … whose result is `found`
  Money claim;
  Money recovered;
  bool wage_category = false;  // migrant_wages or labor_remuneration: item 八 in local practice
  // the relief applicant (a party id of the case)
  bool applicant_found = false;
  bool applicant_is_person = false;
  bool applicant_has_applicant_role = false;
  // the application
  std::string ground;      // support, tort_injury, crime_victim, retaliation, other
  std::string basis_item;  // 一…八 or ""
  std::optional<int> household_size;
  std::optional<Money> household_monthly_income;
  std::optional<bool> has_dibao;
  std::optional<Money> medical_expenses;
  std::optional<Money> prior_compensation;
  uint8_t flag_bits = 0;  // ExclusionFlag bits
  int unknown_flags = 0;  // flags this version does not know (the importer rejects them)
  // the collegial panel's decision, when recorded
  bool panel_decided = false;
  bool panel_granted = false;
  std::optional<Money> panel_amount;
  bool exception_approved = false;
  // from the database
  bool relief_already_received = false;  // same case and same applicant (once only)
  int decision_year = 0;  // the panel's decided_on year, else the business date's year
};

// Precondition: record.relief is present (std::logic_error otherwise).
// `relief_already_received`: a relief grant already paid in this case to this applicant.
// `business_date`: the run's business date; its year is the decision year unless the panel
// has decided.
AssessmentInput input_from_case(const CaseRecord& record, bool relief_already_received,
                                Date business_date);

struct Assessment {
  std::string case_number;
  Outcome outcome = Outcome::needs_review;
  std::optional<Money> proposed;  // min(cap, outstanding loss); only when eligible
  Money cap;                      // cap_months × previous-year monthly wage; 0 when unknown
  Money outstanding_loss;         // claim − recovered − prior compensation, ≥ 0
  int basis_item = 0;  // 1…8: 第三条第（N）项 as the rules read it; 0 when unknown
  int wage_year = 0;   // year of the wage figure used; 0 when none
  std::string ruleset;
  std::string inputs_sha256;  // lower-case hex of the canonical inputs
  // The first business date on which time alone changes this assessment (the decision year
  // comes from the business date: 1 January of the next year); none when no date can (the
  // panel's decided_on fixes the decision year).
  std::optional<Date> changes_on;
  std::vector<Rule> rules;  // in the order checked
};

Assessment assess(const AssessmentInput& input, const Policy& policy);

// `{"case_number", "outcome", "proposed_fen", "cap_fen", "ruleset", "rules": [{"id", "passed",
// "reason"}]}` on one line, keys in that order; proposed_fen is null unless eligible.
std::string to_json(const Assessment& assessment);

// The item number (1…8) of 一…八, 0 for anything else.
int basis_item_number(std::string_view item);
// 一…八 for 1…8, "" otherwise.
std::string_view basis_item_text(int number);

}  // namespace zhixing::relief
