// The relief step (`zhixing relief assess` and the nightly run): assesses every relief
// application and screens every candidate case, stores what changed, then opens a 司救执 relief
// case for each panel decision not yet numbered. Reads cases in chunks (case_loader), decides
// with the pure engine (batch/relief), writes through relief_store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "core/date.h"
#include "relief/policy.h"
#include "store/relief_store.h"

namespace zhixing::jobs {

struct ReliefRunOptions {
  Date business_date;
  std::optional<long long> case_id;  // only this case (when it is a candidate)
  size_t chunk = 5000;               // cases loaded per round trip
};

struct ReliefRunReport {
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
