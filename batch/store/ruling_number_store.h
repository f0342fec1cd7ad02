// The ruling_numbers table (sql/008_ruling_numbers.sql): the ordinal (之N) of each ruling of a
// case, assigned when the ruling's event is planned and never changed afterwards. The nightly
// planning step, the render step and a clerk's `zhixing docs` all number through
// number_rulings(), so every path finds the same number.
#pragma once

#include <map>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"
#include "documents/kinds/document_kind.h"

namespace zhixing::inline store {

// The stored ordinals of these cases (a case without any is absent).
std::map<long long, documents::RulingNumbers> load_ruling_numbers(
    soci::session& sql, const std::vector<long long>& case_ids);

struct RulingPlan {
  long long case_id = 0;
  const CaseRecord* record = nullptr;
  // The ruling events being planned now (for an assistance notice: the ruling it serves).
  std::vector<documents::EventKey> planned;
};

// In transactions of its own (the caller must not hold one; at most 64 cases each): takes each
// case's advisory lock (in case order: two processes never deadlock), reads its stored ordinals
// and the rulings issued before numbering existed, adds what documents::assign_ruling_numbers
// gives, and returns the ordinals of these cases as stored afterwards. A second call with the
// same plans adds nothing.
std::map<long long, documents::RulingNumbers> number_rulings(soci::session& sql,
                                                             std::vector<RulingPlan> plans);

}  // namespace zhixing::inline store
