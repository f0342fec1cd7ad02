// Reads cases back from the database as CaseRecords, in chunks, with libpq text results (the
// fast path: relief assessment and document planning read hundreds of thousands of cases).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"

namespace zhixing::inline store {

struct LoadedCase {
  long long id = 0;
  CaseRecord record;
  std::map<std::string, long long> party_ids;  // party key -> parties.id
  std::string court_name;
};

// Loads the cases whose ids are given (any order); returns them in id order.
std::vector<LoadedCase> load_cases(soci::session& sql, const std::vector<long long>& ids);

// Streams the cases matching `where` (an SQL condition on table alias c, with no parameters,
// e.g. "c.court_code = '冀0633'") in id order, `chunk` at a time.
void for_each_case(soci::session& sql, const std::string& where, size_t chunk,
                   const std::function<void(std::vector<LoadedCase>&)>& visit);

// The case id for a case number (normalising half-width brackets), or 0.
long long find_case_id(soci::session& sql, const std::string& case_number);

}  // namespace zhixing::inline store
