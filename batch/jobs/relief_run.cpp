#include "jobs/relief_run.h"

#include <chrono>
#include <optional>
#include <stdexcept>

#include "relief/assessment.h"
#include "relief/rules.h"
#include "relief/screening.h"
#include "store/case_selection.h"
#include "store/relief_watermark.h"

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

void count_outcome(relief::Outcome outcome, ReliefRunReport& report) {
  switch (outcome) {
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
}

// Assesses or screens one chunk of loaded candidates and stores the results.
void assess_chunk(soci::session& sql, const relief::Policy& policy, Date business_date,
                  std::vector<LoadedCase>& cases, ReliefRunReport& report) {
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
      assessments.push_back(
          relief::assess(relief::input_from_case(lc.record, already, business_date), policy));
      application_id = app_ids.at(lc.id);
      ++report.applications;
    } else if (auto s = relief::screen(lc.record, policy, business_date)) {
      assessments.push_back(std::move(*s));
      ++report.screened;
    } else {
      continue;
    }
    count_outcome(assessments.back().outcome, report);
    rows.push_back({lc.id, application_id, nullptr});
  }
  for (size_t i = 0; i < rows.size(); ++i) rows[i].assessment = &assessments[i];
  report.assess_seconds += since(t);

  t = Clock::now();
  auto stored = store_assessments(sql, rows, business_date);
  report.stored.inserted += stored.inserted;
  report.stored.revived += stored.revived;
  report.stored.unchanged += stored.unchanged;
  report.store_seconds += since(t);
}

// Streams the candidates among `selection` (and among `among` unless null), timing the loads.
void assess_selection(soci::session& sql, const relief::Policy& policy,
                      const ReliefRunOptions& options, const CaseSelection& selection,
                      const std::vector<long long>* among, ReliefRunReport& report) {
  auto load_started = Clock::now();
  auto visit = [&](std::vector<LoadedCase>& cases) {
    report.load_seconds += since(load_started);
    assess_chunk(sql, policy, options.business_date, cases, report);
    load_started = Clock::now();
  };
  if (among)
    for_each_case_among(sql, selection, *among, options.chunk, visit);
  else
    for_each_case(sql, selection, options.chunk, visit);
}

FullRunReason full_run_reason(const ReliefRunOptions& options,
                              const std::optional<ReliefWatermark>& previous,
                              const std::string& policy_hash) {
  if (options.all) return FullRunReason::requested;
  if (!previous) return FullRunReason::no_watermark;
  if (previous->policy_sha256 != policy_hash) return FullRunReason::policy_changed;
  if (options.business_date < previous->business_date) return FullRunReason::earlier_date;
  return FullRunReason::none;
}

}  // namespace

std::string_view full_run_reason_name(FullRunReason reason) {
  switch (reason) {
    case FullRunReason::none:
      return "none";
    case FullRunReason::requested:
      return "requested";
    case FullRunReason::no_watermark:
      return "no_watermark";
    case FullRunReason::policy_changed:
      return "policy_changed";
    case FullRunReason::earlier_date:
      return "earlier_date";
  }
  throw std::logic_error("full_run_reason_name: unknown reason");
}

ReliefRunReport run_relief_assessment(soci::session& sql, const relief::Policy& policy,
                                      const ReliefRunOptions& options) {
  const auto started = Clock::now();
  ReliefRunReport report;
  CaseSelection selection;
  selection.scope = CaseScope::relief_candidates;
  if (options.case_id) {
    // One case (after `relief decide`): the watermark neither narrows nor moves.
    selection.case_id = options.case_id;
    assess_selection(sql, policy, options, selection, nullptr, report);
    report.seconds = since(started);
    return report;
  }

  const std::string policy_hash = relief::policy_sha256(policy);
  const std::optional<ReliefWatermark> previous = load_relief_watermark(sql);
  // Taken before any case is read: what commits later is read again by the next run.
  ReliefWatermark position = relief_position(sql, previous);
  position.policy_sha256 = policy_hash;
  position.business_date = options.business_date;
  report.full = full_run_reason(options, previous, policy_hash);
  position.full_run = report.full != FullRunReason::none;

  if (position.full_run) {
    assess_selection(sql, policy, options, selection, nullptr, report);
  } else {
    auto t = Clock::now();
    const std::vector<long long> changed =
        relief_changed_case_ids(sql, *previous, options.business_date);
    report.load_seconds += since(t);
    report.changed = static_cast<int64_t>(changed.size());
    assess_selection(sql, policy, options, selection, &changed, report);
  }
  save_relief_watermark(sql, position);
  report.seconds = since(started);
  return report;
}

}  // namespace zhixing::jobs
