// The vocabulary of an explained relief decision: outcomes, rule ids, one checked rule, and
// the rules that assessment and screening share. Ids are stable (stored, printed by
// `relief explain --json`, listed in batch/relief/README.md); never rename one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "relief/policy.h"

namespace zhixing::relief {

enum class Outcome : uint8_t { eligible, ineligible, needs_review };
std::string_view outcome_name(Outcome outcome);  // "eligible", "ineligible", "needs_review"

enum class RuleId : uint8_t {
  no_application,  // screening only
  person_applicant,
  livelihood_category,  // screening only
  ground_item,
  debtor_cannot_pay,
  hardship,
  no_hardship,
  flag_major_fault,
  flag_refused_cooperation,
  flag_false_statement,
  flag_waived_claim,
  flag_hardship_unrelated,
  flag_aided_elsewhere,
  flag_unknown,
  once_only,
  outstanding_loss,
  wage_table_fallback,
  cap,
  over_cap,
  over_loss,
};
std::string_view rule_id_name(RuleId id);  // the snake_case name of the enumerator

// What a rule that did not pass does to the outcome (the precedence: any exclusion
// → ineligible; else any unproven condition → needs_review; else eligible).
enum class Effect : uint8_t {
  excludes,      // a ground for refusing relief (一般不予救助)
  needs_review,  // a condition the record does not prove; a person must look
  none,          // information only (e.g. the wage-table fallback)
};

struct Rule {
  RuleId id;
  bool passed;
  Effect effect;       // applies when !passed
  std::string reason;  // one line of Chinese, no personal data
};

Outcome outcome_of(const std::vector<Rule>& rules);

// ---- rules shared by assessment and screening ----

// 终本 / 终结执行, or every property inquiry (at least one) found nothing.
struct DebtorFacts {
  std::string_view closure_kind;  // "" unless the case is closed
  int inquiries = 0;
  int inquiries_found = 0;
};
Rule debtor_cannot_pay_rule(const DebtorFacts& facts);

// claim − recovered − prior compensation, never below zero.
Money outstanding_loss_of(Money claim, Money recovered, Money prior_compensation);
Rule outstanding_loss_rule(Money claim, Money recovered, std::optional<Money> prior_compensation,
                           Money outstanding);

// cap = cap_months × the previous-year monthly wage: computed from the annual figure so that
// 36 × (annual ÷ 12) is exact; rounded down to the fen (never above the rule's cap).
Money cap_of(const Policy& policy, const WageLookup& wage);
// Appends `wage_table_fallback` (only when the fallback was used) and `cap`.
void append_cap_rules(const Policy& policy, std::string_view province, const WageLookup& wage,
                      Money cap, std::vector<Rule>& rules);

// The schema lines of the canonical inputs (README "Input hash"): a new layout is a new line.
inline constexpr std::string_view kAssessmentInputSchema = "zhixing.relief.assessment-input/1";
inline constexpr std::string_view kScreeningInputSchema = "zhixing.relief.screening-input/1";

// SHA-256 (lower-case hex) of everything in the policy (rule-set version, cap months, approval
// switch, thresholds, province names, the whole wage table) and the two input schema lines: an
// incremental relief run is valid only while this stays the same; a change re-assesses every
// candidate (jobs/relief_run.h).
std::string policy_sha256(const Policy& policy);

// The first business date on which time alone changes an assessment whose decision year is
// the business date's year: 1 January of the next year (a new decision year takes the next
// wage year for the cap). The only date the rules read (README "Time").
Date next_decision_year_starts(int decision_year);

// The canonical serialisation behind `inputs_sha256`: "key=value\n" lines in a fixed order,
// strings length-prefixed so that no value can imitate a key. One buffer, reused per call.
class CanonicalInputs {
 public:
  explicit CanonicalInputs(std::string_view schema);
  // Distinct names, not overloads: a string literal must never bind to a bool.
  void text(std::string_view key, std::string_view value);
  void integer(std::string_view key, int64_t value);
  void integer(std::string_view key, std::optional<int> value);
  void flag(std::string_view key, bool value);
  void flag(std::string_view key, std::optional<bool> value);
  void money(std::string_view key, Money value) { integer(key, value.fen()); }
  void money(std::string_view key, std::optional<Money> value);
  // The policy figures this decision used (not the whole table: another province's figure
  // does not change this case's result).
  void policy(const Policy& policy, std::string_view province, const WageLookup& wage);
  std::string sha256_hex() const;
  const std::string& serialised() const { return text_; }

 private:
  void null(std::string_view key);
  void key(std::string_view k);
  std::string text_;
};

}  // namespace zhixing::relief
