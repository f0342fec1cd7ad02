#include "jobs/relief_run.h"

#include <chrono>
#include <optional>

#include "relief/assessment.h"
#include "relief/screening.h"
#include "store/case_selection.h"

namespace zhixing::jobs {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Application ids of the chunk's cases: relief_applications.id is not in the CaseRecord.
std::map<long long, long long> application_ids(soci::session& sql,
                                               const std::vector<LoadedCase>& cases) {
  std::vector<long long> ids;
  for (const auto& c : cases) ids.push_back(c.id);
  return relief_application_ids(sql, ids);
}

}  // namespace

ReliefRunReport run_relief_assessment(soci::session& sql, const relief::Policy& policy,
                                      const ReliefRunOptions& options) {
  const auto started = Clock::now();
  ReliefRunReport report;
  CaseSelection selection;
  selection.scope = CaseScope::relief_candidates;
  selection.case_id = options.case_id;

  auto load_started = Clock::now();
  for_each_case(sql, selection, options.chunk, [&](std::vector<LoadedCase>& cases) {
    report.load_seconds += since(load_started);
    report.cases_read += static_cast<int64_t>(cases.size());

    auto t = Clock::now();
    std::vector<long long> with_application;
    for (const auto& lc : cases)
      if (lc.record.relief) with_application.push_back(lc.id);
    const auto received = relief_received(sql, with_application);
    const auto app_ids =
        with_application.empty() ? std::map<long long, long long>() : application_ids(sql, cases);
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

}  // namespace zhixing::jobs
