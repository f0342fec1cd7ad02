// The relief step (`zhixing relief assess` and the nightly run): assesses relief applications
// and screens candidate cases, stores what changed, then opens a 司救执 relief case for each
// panel decision not yet numbered. Reads cases in chunks (case_loader), decides with the pure
// engine (batch/relief), writes through relief_store.
//
// Incremental by default: only the candidates whose inputs can have changed since the last
// completed run (store/relief_watermark.h: cases changed by an import, relief decisions
// recorded, assessments that a new decision year changes). Full (every candidate) when asked
// (`relief assess --all`), when no run has completed yet, when the policy hash changed, or
// when the business date is earlier than the last run's. Both give the same current
// assessment per case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/date.h"
#include "relief/policy.h"
#include "store/relief_store.h"

namespace zhixing::jobs {

struct ReliefRunOptions {
  Date business_date;
  std::optional<long long> case_id;  // only this case (when it is a candidate); no watermark
  bool all = false;                  // every candidate, whatever the watermark
  size_t chunk = 5000;               // cases loaded per round trip
};

// Why a run assessed every candidate.
enum class FullRunReason { none, requested, no_watermark, policy_changed, earlier_date };
std::string_view full_run_reason_name(FullRunReason reason);  // "requested", …

struct ReliefRunReport {
  FullRunReason full = FullRunReason::none;  // none: incremental (or one case)
  int64_t changed = 0;       // incremental: cases the watermark named (candidates or not)
  int64_t cases_read = 0;    // cases the pre-selection (CaseScope::relief_candidates) loaded
  int64_t applications = 0;  // assessed applications
  int64_t screened = 0;      // cases on the screening list (no application)
  int64_t eligible = 0, ineligible = 0, needs_review = 0;  // over both
  StoreAssessmentsResult stored;
  double seconds = 0, load_seconds = 0, assess_seconds = 0, store_seconds = 0;
};

ReliefRunReport run_relief_assessment(soci::session& sql, const relief::Policy& policy,
                                      const ReliefRunOptions& options);

}  // namespace zhixing::jobs
