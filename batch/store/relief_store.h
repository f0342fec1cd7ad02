// Judicial relief in PostgreSQL (schema 003_relief.sql): stored assessments, the
// 司救执 relief cases that panel decisions open, and their gapless per-court-per-year serials.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"
#include "documents/kinds/document_kind.h"
#include "relief/assessment.h"

namespace zhixing::inline store {

// ---- assessments ----

// One assessment to store. application_id is absent for a screening.
struct AssessmentToStore {
  long long case_id = 0;
  std::optional<long long> application_id;
  const relief::Assessment* assessment = nullptr;
};

struct StoreAssessmentsResult {
  int64_t inserted = 0;   // new (case, ruleset, inputs) rows
  int64_t revived = 0;    // an older row with the same inputs made current again
  int64_t unchanged = 0;  // already the current row: nothing written
};

// Bulk (COPY into a temporary table, then one insert): rows whose (case, ruleset, inputs
// hash) is stored already write nothing, unless that row is not the case's current one (the
// inputs changed and changed back), which is then made current again (assessed_at = now()).
StoreAssessmentsResult store_assessments(soci::session& sql,
                                         const std::vector<AssessmentToStore>& rows,
                                         Date business_date);

struct StoredRule {
  std::string id;  // a relief::RuleId name
  bool passed = false;
  std::string effect;  // excludes, needs_review, none
  std::string reason;
};

struct StoredAssessment {
  long long id = 0;
  std::string case_number;  // the enforcement case
  std::string kind;         // application, screening
  std::string outcome;
  std::optional<int64_t> proposed_fen;
  int64_t cap_fen = 0;
  int64_t outstanding_loss_fen = 0;
  std::string ruleset;
  std::string inputs_sha256;
  Date business_date;
  std::string assessed_at;  // local time, YYYY-MM-DD HH:MM:SS
  std::vector<StoredRule> rules;
};

// The current assessment of the case's application, else its current screening.
std::optional<StoredAssessment> latest_assessment(soci::session& sql, long long case_id);

// One line of `zhixing relief list`: a case's current assessment (as latest_assessment picks it)
// and the number of its latest relief decision ("" when none).
struct AssessmentListRow {
  std::string case_number;
  std::string kind;     // screening or application
  std::string outcome;  // eligible, ineligible, needs_review
  std::optional<long long> proposed_fen;
  long long cap_fen = 0;
  std::string decision_number;
};
// Every assessed case in case-number order; only those with `outcome` unless it is empty.
std::vector<AssessmentListRow> current_assessments(soci::session& sql, const std::string& outcome);

// `relief explain --json`: {"case_number","outcome","proposed_fen","cap_fen","ruleset",
// "rules":[{"id","passed","reason"}]}, one line, proposed_fen null unless eligible.
std::string explain_json(const StoredAssessment& a);

// (case id, applicant party key) pairs among `case_ids` that already received relief from a
// decision other than the case's current application's (relief is granted once only): a
// granted 司救执 decision of another application.
std::set<std::pair<long long, std::string>> relief_received(soci::session& sql,
                                                            const std::vector<long long>& case_ids);

// Case id -> the id of its relief application, for the given cases that have one.
std::map<long long, long long> relief_application_ids(soci::session& sql,
                                                      const std::vector<long long>& case_ids);

// ---- relief cases (司救执) ----

struct NumberingReport {
  int numbered = 0;   // decisions given a 司救执 number by this call
  int existing = 0;   // panel decisions that already had one
  int conflicts = 0;  // applications whose panel now differs from their recorded decision
  std::vector<std::string> numbers;  // assigned by this call, in order
};

// Opens a relief case for every application with a panel decision and none yet. Per court and
// decision year: one transaction that locks the counter row (select … for update), reads the
// unnumbered decisions in enforcement-case-number order and numbers them last+1, last+2 …;
// so concurrent runs never leave a gap or a duplicate and a rerun gives the same numbers.
NumberingReport number_relief_decisions(soci::session& sql);

// `zhixing relief decide`: a panel decision entered by a user.
struct DecisionEntry {
  std::string case_number;  // the enforcement case
  std::string user;
  bool granted = false;
  std::optional<Money> amount;
  Date decided_on;                   // the CLI's default: today
  bool decided_on_given = false;     // compared with a recorded decision only when given
  std::vector<std::string> members;  // default: the case's presiding judge and judges
  bool exception_approved = false;
};

enum class DecideStatus {
  recorded,          // new decision, numbered
  already_recorded,  // the same decision is on record: nothing written
  conflict,          // a different decision is on record: never rewritten
  unknown_user,
  forbidden,  // the user is neither admin nor clerk
  unknown_case,
  no_application,
  bad_amount,  // granted without an amount, refused with one, or above the loss
};
std::string_view decide_status_name(DecideStatus status);

struct DecideResult {
  DecideStatus status = DecideStatus::unknown_case;
  std::string relief_case_number;  // recorded / already_recorded
  std::string message;             // Chinese
};

// Locks the application row, compares with any recorded decision, then writes the panel
// columns (panel_source = 'user') and the numbered relief case in one transaction.
DecideResult decide_relief(soci::session& sql, const DecisionEntry& entry,
                           const std::optional<Money>& outstanding_loss);

// The relief decisions of the given cases, for rendering (document kinds relief-decision). The
// clerk is left empty (the caller fills it from the case's officers). relief_records
// (store/relief_grant_store.h) adds the posted grants.
std::map<long long, documents::ReliefRecords> relief_records_for(
    soci::session& sql, const std::vector<long long>& case_ids);

}  // namespace zhixing::inline store
