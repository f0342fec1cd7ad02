#include "jobs/relief_run.h"

#include <chrono>
#include <optional>

#include "relief/assessment.h"
#include "relief/screening.h"
#include "store/case_loader.h"

namespace zhixing {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

std::string relief_candidates_condition() {
  return "exists (select 1 from relief_applications ra where ra.case_id = c.id)"
         " or (c.closure_kind in ('terminated_current', 'terminated')"
         " and c.claim_fen > c.recovered_fen and c.livelihood"
         " and exists (select 1 from parties p where p.case_id = c.id and p.role = 'applicant'"
         " and p.kind = 'person'))";
}

ReliefRunReport run_relief_assessment(soci::session& sql, const relief::Policy& policy,
                                      const ReliefRunOptions& options) {
  const auto started = Clock::now();
  ReliefRunReport report;
  std::string where = "(" + relief_candidates_condition() + ")";
  if (!options.where.empty()) where += " and (" + options.where + ")";

  // Application ids of the chunk's cases: relief_applications.id is not in the CaseRecord.
  auto application_ids = [&sql](const std::vector<LoadedCase>& cases) {
    std::map<long long, long long> out;
    std::string ids = "{";
    for (size_t i = 0; i < cases.size(); ++i) ids += (i ? "," : "") + std::to_string(cases[i].id);
    ids += "}";
    soci::rowset<soci::row> rows = (sql.prepare << "select case_id, id from relief_applications"
                                                   " where case_id = any(cast(:ids as bigint[]))",
                                    soci::use(ids));
    for (const auto& r : rows) out[r.get<long long>(0)] = r.get<long long>(1);
    return out;
  };

  auto load_started = Clock::now();
  for_each_case(sql, where, options.chunk, [&](std::vector<LoadedCase>& cases) {
    report.load_seconds += since(load_started);
    report.cases_read += static_cast<int64_t>(cases.size());

    auto t = Clock::now();
    std::vector<long long> with_application;
    for (const auto& lc : cases)
      if (lc.record.relief) with_application.push_back(lc.id);
    const auto received = relief_received(sql, with_application);
    const auto app_ids =
        with_application.empty() ? std::map<long long, long long>() : application_ids(cases);
    report.load_seconds += since(t);

    t = Clock::now();
    std::vector<relief::Assessment> assessments;
    std::vector<AssessmentToStore> rows;
    assessments.reserve(cases.size());
    rows.reserve(cases.size());
    for (const auto& lc : cases) {
      std::optional<long long> application_id;
      if (lc.record.relief) {
        const bool already = received.count({lc.id, lc.record.relief->applicant}) > 0;
        assessments.push_back(relief::assess(
            relief::input_from_case(lc.record, already, options.business_date), policy));
        application_id = app_ids.at(lc.id);
        ++report.applications;
      } else if (auto s = relief::screen(lc.record, policy, options.business_date)) {
        assessments.push_back(std::move(*s));
        ++report.screened;
      } else {
        continue;
      }
      switch (assessments.back().outcome) {
        case relief::Outcome::eligible:
          ++report.eligible;
          break;
        case relief::Outcome::ineligible:
          ++report.ineligible;
          break;
        case relief::Outcome::needs_review:
          ++report.needs_review;
          break;
      }
      rows.push_back({lc.id, application_id, nullptr});
    }
    for (size_t i = 0; i < rows.size(); ++i) rows[i].assessment = &assessments[i];
    report.assess_seconds += since(t);

    t = Clock::now();
    auto stored = store_assessments(sql, rows, options.business_date);
    report.stored.inserted += stored.inserted;
    report.stored.revived += stored.revived;
    report.stored.unchanged += stored.unchanged;
    report.store_seconds += since(t);
    load_started = Clock::now();
  });
  report.seconds = since(started);
  return report;
}

}  // namespace zhixing
