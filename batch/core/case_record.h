// One enforcement case as the interchange format describes it (docs/case-record.md,
// zhixing.case/1), after validation: every value typed, every text NFC-normalised.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/case_number.h"
#include "core/date.h"
#include "core/money.h"

namespace zhixing::inline core {

struct TitleDocument {
  std::string number;  // 案号 of the judgment
  std::string kind;    // 民事判决书 …
  std::string court;   // name
  Date effective_on;

  bool operator==(const TitleDocument&) const = default;
};

// An approved extension ({from, to, approved_by}) or an excluded period ({from, to, reason}).
struct Period {
  Date from;
  Date to;
  std::string note;  // approved_by or reason

  bool operator==(const Period&) const = default;
};

struct Officers {
  std::vector<std::string> enforcers;
  std::string enforcer_title = "执行员";  // or 审判员
  std::optional<std::string> presiding;
  std::vector<std::string> judges;
  std::string clerk;

  bool operator==(const Officers&) const = default;
};

struct LegalRep {
  std::string name;
  std::string title;
  std::string kind;  // 法定代表人 / 主要负责人

  bool operator==(const LegalRep&) const = default;
};

struct Agent {
  std::string name;
  std::string kind;  // lawyer, relative, other
  std::optional<std::string> firm;
  bool special_authority = false;

  bool operator==(const Agent&) const = default;
};

struct BankAccount {
  std::string bank;
  std::string account;

  bool operator==(const BankAccount&) const = default;
};

struct Party {
  std::string id;    // unique within the record
  std::string role;  // applicant, respondent, guarantor, third_party
  std::string kind;  // person, org
  std::string name;
  std::string address;
  std::optional<std::string> phone;
  // person
  std::string gender;  // 男 / 女
  std::optional<Date> birth_date;
  std::string ethnicity;
  std::optional<std::string> occupation;
  std::string id_number;  // 18 characters, 'X' upper-case
  // org
  std::string uscc;
  std::optional<LegalRep> legal_rep;

  std::vector<Agent> agents;
  std::optional<BankAccount> bank_account;

  bool is_person() const { return kind == "person"; }

  bool operator==(const Party&) const = default;
};

struct Measure {
  std::string kind;  // notice, property_report_order, inquiry, freeze, deduct, seal, seize, …
  Date on;
  std::string against;  // party id
  std::optional<Money> amount;
  std::optional<std::string> target;
  std::optional<std::string> period;  // 1y, 2y, 15d
  std::optional<std::string> note;
  std::optional<std::string> result;  // inquiry: found / none

  bool operator==(const Measure&) const = default;
};

struct Installment {
  Date due_on;
  Money amount;

  bool operator==(const Installment&) const = default;
};

struct Settlement {
  Date signed_on;
  Money total;
  std::vector<Installment> installments;
  int grace_days = 15;
  std::optional<std::string> guarantor;  // party id
  std::optional<std::string> place;

  bool operator==(const Settlement&) const = default;
};

struct PanelDecision {
  Date decided_on;
  bool granted = false;
  std::optional<Money> amount;
  std::vector<std::string> members;
  bool exception_approved = false;

  bool operator==(const PanelDecision&) const = default;
};

struct ReliefApplication {
  std::string applicant;  // party id
  Date applied_on;
  std::string ground;      // support, tort_injury, crime_victim, retaliation, other
  std::string basis_item;  // 一 … 八; derived from ground when absent
  std::optional<int> household_size;
  std::optional<Money> household_monthly_income;
  std::optional<bool> has_dibao;
  std::optional<Money> medical_expenses;
  std::optional<Money> prior_compensation;
  std::vector<std::string> flags;
  std::optional<PanelDecision> panel;

  bool operator==(const ReliefApplication&) const = default;
};

struct Closure {
  // A constructor rather than an aggregate, so that Closure{kind, on, consents} stays valid
  // (without -Wmissing-field-initializers) as optional facts are added.
  Closure() = default;
  Closure(std::string kind_, Date on_, bool applicant_consents_ = false,
          std::optional<Date> applicant_informed_on_ = std::nullopt)
      : kind(std::move(kind_)),
        on(on_),
        applicant_consents(applicant_consents_),
        applicant_informed_on(applicant_informed_on_) {}

  std::string kind;  // performed, terminated_current, terminated, withdrawn, rejected, transferred
  Date on;
  bool applicant_consents = false;
  // The day the court told the applicant of the case's state and heard the applicant's view
  // (约谈申请执行人 before a 终本 ruling, 最高人民法院关于严格规范终结本次执行程序的规定（试行）):
  // not before filing, not after `on`.
  std::optional<Date> applicant_informed_on;

  bool operator==(const Closure&) const = default;
};

// Money that reached the court's account for the applicant (执行款到账): one receipt.
struct Receipt {
  Date on;
  Money amount;                          // > 0
  std::optional<std::string> source;     // deduct, payment, auction, other
  std::optional<std::string> reference;  // the court's receipt or bank reference; unique in a case

  bool operator==(const Receipt&) const = default;
};

struct CaseRecord {
  CaseNumber case_number;
  Date filed_on;
  std::string cause;
  std::optional<TitleDocument> title_document;
  std::vector<std::string> categories;
  std::optional<Money> filing_fee;
  std::vector<Period> extensions;
  std::vector<Period> excluded_periods;
  Money claim;
  Money recovered;
  // When present (even empty), the receipts sum to `recovered`, and "recovered as of a date"
  // is known for every date (core/recovered_as_of.h). Append-only across updates.
  std::optional<std::vector<Receipt>> receipts;
  std::string status;  // open, suspended, closed
  std::optional<Closure> closure;
  std::optional<std::string> executing_court;
  Officers officers;
  std::vector<Party> parties;
  std::vector<Measure> measures;
  std::optional<Settlement> settlement;
  std::optional<ReliefApplication> relief;

  const Party* party(std::string_view id) const {
    for (const auto& p : parties)
      if (p.id == id) return &p;
    return nullptr;
  }

  bool operator==(const CaseRecord&) const = default;
};

// The spec's livelihood (民生) categories, enforced and rendered first.
bool is_livelihood_category(std::string_view category);

}  // namespace zhixing::inline core
