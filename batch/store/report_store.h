// What the leadership reports (reports/) read from PostgreSQL: a court's cases through the fast
// case loader, the relief granted in a year (relief decisions, 003_relief.sql) and the court's
// name. Only reads; no migration of its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"

namespace zhixing::inline store {

// The cases numbered by `court_code` that were pending at some time in `year`: filed on or
// before its last day and not closed before its first (what compute_annual_figures counts).
std::vector<CaseRecord> load_cases_pending_in_year(soci::session& sql,
                                                   const std::string& court_code, int year);

// The cases numbered by `court_code` closed as 终本 (terminated_current) on or before `as_of`.
std::vector<CaseRecord> load_zhongben_cases(soci::session& sql, const std::string& court_code,
                                            const std::string& as_of_iso);

struct GrantedRelief {
  int64_t decisions = 0;  // granted relief decisions (司救执)
  int64_t persons = 0;    // distinct applicants
  int64_t amount_fen = 0;
};

// The granted relief decisions of the court decided in `year`.
GrantedRelief load_granted_relief(soci::session& sql, const std::string& court_code, int year);

}  // namespace zhixing::inline store
