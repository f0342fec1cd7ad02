// Which cases a run reads, described by what they are rather than by SQL: every case, those
// with a relief application, the relief candidates; narrowed by a clerk's filter terms and by
// one case id.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/case_loader.h"

namespace zhixing::inline store {

enum class CaseFilterKey { court, year, category, status };

// One term of a clerk's filter ("court=冀0633"): the case's court code, its year (four digits),
// one of its categories, its status (open, suspended, closed). Values are checked when parsed.
struct CaseFilterTerm {
  CaseFilterKey key = CaseFilterKey::court;
  std::string value;
};

enum class CaseScope {
  all,
  // cases with a relief application
  with_relief_application,
  // the case has a relief application, or it could be on the screening list (closed as
  // 终本/终结, money outstanding, a livelihood category, a natural person applicant): a superset
  // of what relief::screen lists; screen decides
  relief_candidates,
};

struct CaseSelection {
  CaseScope scope = CaseScope::all;
  std::vector<CaseFilterTerm> filter;  // every term holds
  std::optional<long long> case_id;    // only this case
};

// The selected cases' ids in case-number order.
std::vector<long long> selected_case_ids(soci::session& sql, const CaseSelection& selection);

// Streams the selected cases in id order, `chunk` at a time.
void for_each_case(soci::session& sql, const CaseSelection& selection, size_t chunk,
                   const std::function<void(std::vector<LoadedCase>&)>& visit);

// The same, narrowed to the cases among `ids` (sorted ascending): one query per `chunk` ids.
void for_each_case_among(soci::session& sql, const CaseSelection& selection,
                         const std::vector<long long>& ids, size_t chunk,
                         const std::function<void(std::vector<LoadedCase>&)>& visit);

}  // namespace zhixing::inline store
