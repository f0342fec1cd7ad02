// The court's enforcement figures for one year (definitions below), computed
// from case records alone (pure: no I/O), plus the relief totals the store reads from the relief
// decisions.
//
// Which cases count:
//  - scope: the case type codes that count (a parameter: courts' indicator rules differ, some
//    leave out 执恢 and 执保); default 执 + 执恢 (执行实施类 first and resumed enforcement,
//    without 执保 preservation and the review types 执异/执复/执监…), the reading under which the
//    court's 受理 2,083 is 新收 incl. resumed cases (demo_generator.h);
//  - court: the court that numbered the case (the case number's court code);
//  - 新收: filed in the year; 旧存: filed before the year and not closed before it; 受理 = both;
//  - 结案: closed in the year (closure.on in the year), among the received cases.
// Rates (all over the cases closed in the year, in scope):
//  - 结案率 = 结案 ÷ 受理;
//  - 法定期限内结案率 = closed within the statutory limit (statutory_limit.h) ÷ 结案;
//  - 执行到位率 = Σ recovered ÷ Σ claim (fen) over the closed cases;
//  - 执行完毕率 = closed as performed (执行完毕, incl. settlements fully performed) ÷ 结案;
//  - 终本率 = closed as terminated_current (终结本次执行程序) ÷ 结案;
//  - 平均结案用时 = Σ (closure.on − filed_on) ÷ 结案, in calendar days (counted from the day after
//    filing, 审限规定 art. 8; excluded periods are not subtracted: no published definition
//    says to, and the court's published 69.76 days are plain calendar days).
// 执行到位金额 (amount recovered) is the numerator of 执行到位率: Σ recovered of the closed cases.
// Counts of the year: settlements signed in the year and measures taken in the year
// (detention, fine, consumption ban, dishonest listing) on cases in scope.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/case_record.h"
#include "reports/rate.h"

namespace zhixing::reports {

struct Scope {
  std::set<std::string> type_codes = {"执", "执恢"};

  bool contains(std::string_view type_code) const {
    return type_codes.count(std::string(type_code)) > 0;
  }
  // "执、执恢" in the order of 案件类型及其代字标准 (2016), unknown codes last.
  std::string label() const;
  // "执,执恢" (the --scope syntax).
  std::string spec() const;
};

// Parses "执,执恢" (also with 、 or ，); every code must be a known type code.
// Throws std::invalid_argument naming the bad code.
Scope parse_scope(std::string_view text);

// The relief granted in the year (relief decisions, store/report_store.h).
struct ReliefTotals {
  int64_t decisions = 0;  // granted decisions
  int64_t persons = 0;    // distinct applicants
  int64_t amount_fen = 0;
};

// The six closing ways (case-record.md closure.kind), in report order; closure_label
// (core/labels.h) names them.
inline constexpr std::array<std::string_view, 6> kClosureKinds = {
    "performed", "terminated_current", "terminated", "withdrawn", "rejected", "transferred"};

// The livelihood categories (case-record.md), in report order.
inline constexpr std::array<std::string_view, 7> kLivelihoodCategories = {
    "migrant_wages",    "elderly_support", "child_support",     "spousal_support",
    "traffic_accident", "personal_injury", "labor_remuneration"};

// The measures counted in the report, in report order; measure_report_label (core/labels.h)
// names them.
inline constexpr std::array<std::string_view, 4> kCountedMeasures = {
    "detention", "fine", "consumption_ban", "dishonest_list"};

struct ClosureLine {
  std::string kind;
  int64_t cases = 0;
  int64_t claim_fen = 0;
  int64_t recovered_fen = 0;
};

struct CategoryLine {
  std::string category;
  int64_t received = 0;
  int64_t closed = 0;
  int64_t recovered_fen = 0;  // of its closed cases
};

struct MeasureLine {
  std::string kind;
  int64_t count = 0;  // measures dated in the year
  int64_t cases = 0;  // distinct cases with one
};

struct AnnualFigures {
  std::string court_code;
  std::string court_name;
  int year = 0;
  Scope scope;

  int64_t carried_over = 0;  // 旧存
  int64_t new_cases = 0;     // 新收
  int64_t received() const { return carried_over + new_cases; }
  int64_t closed = 0;
  int64_t pending_at_year_end() const { return received() - closed; }

  Rate closing_rate;            // 结案率: closed / received
  Rate within_limit_rate;       // 法定期限内结案率
  Rate recovery_rate;           // 执行到位率 (fen)
  Rate performed_rate;          // 执行完毕率
  Rate zhongben_rate;           // 终本率
  int64_t closed_days_sum = 0;  // 平均结案用时 = closed_days_sum / closed
  std::string mean_days() const { return ratio_2dp(closed_days_sum, closed); }
  int64_t recovered_fen = 0;  // 执行到位金额 = recovery_rate.numerator
  int64_t claim_fen = 0;      // 申请执行标的 of the closed cases = recovery_rate.denominator

  std::vector<ClosureLine> closures;  // kClosureKinds order
  int64_t livelihood_received = 0;    // distinct received cases with a livelihood category
  int64_t livelihood_closed = 0;
  std::vector<CategoryLine> categories;  // kLivelihoodCategories order
  ReliefTotals relief;
  int64_t settlements = 0;                    // signed in the year
  std::vector<MeasureLine> measures;          // kCountedMeasures order
  std::array<int64_t, 12> filed_by_month{};   // 新收 per month
  std::array<int64_t, 12> closed_by_month{};  // 结案 per month
};

struct AnnualQuery {
  std::string court_code;
  std::string court_name;
  int year = 0;
  Scope scope;
};

// Cases of other courts, other types and other years are ignored, so the caller may pass more.
AnnualFigures compute_annual_figures(const std::vector<CaseRecord>& cases, const AnnualQuery& query,
                                     const ReliefTotals& relief);

}  // namespace zhixing::reports
