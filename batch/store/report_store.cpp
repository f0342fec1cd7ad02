#include "store/report_store.h"

#include <stdexcept>

#include "store/case_loader.h"

namespace zhixing::inline store {

namespace {

// A court code as an SQL literal. Court codes are short Han-and-digit strings (冀0633); anything
// with a quote or a backslash is refused rather than escaped.
std::string court_literal(const std::string& court_code) {
  if (court_code.find_first_of("'\\") != std::string::npos)
    throw std::invalid_argument("court code with a quote: " + court_code);
  return "'" + court_code + "'";
}

std::vector<CaseRecord> load_where(soci::session& sql, const std::string& where) {
  std::vector<CaseRecord> out;
  for_each_case(sql, where, 2000, [&](std::vector<LoadedCase>& chunk) {
    for (auto& lc : chunk) out.push_back(std::move(lc.record));
  });
  return out;
}

}  // namespace

std::vector<CaseRecord> load_cases_pending_in_year(soci::session& sql,
                                                   const std::string& court_code, int year) {
  const std::string y = std::to_string(year);
  return load_where(sql, "c.court_code = " + court_literal(court_code) + " and c.filed_on <= '" +
                             y + "-12-31' and (c.closed_on is null or c.closed_on >= '" + y +
                             "-01-01')");
}

std::vector<CaseRecord> load_zhongben_cases(soci::session& sql, const std::string& court_code,
                                            const std::string& as_of_iso) {
  if (as_of_iso.size() != 10 || as_of_iso.find_first_not_of("0123456789-") != std::string::npos)
    throw std::invalid_argument("as-of date: " + as_of_iso);
  return load_where(sql, "c.court_code = " + court_literal(court_code) +
                             " and c.closure_kind = 'terminated_current' and c.closed_on <= '" +
                             as_of_iso + "'");
}

GrantedRelief load_granted_relief(soci::session& sql, const std::string& court_code, int year) {
  GrantedRelief t;
  long long decisions = 0, persons = 0, amount = 0;
  std::string court = court_code;
  sql << "select count(*), count(distinct applicant), coalesce(sum(amount_fen), 0)::bigint "
         "from relief_decisions where court_code = :c and year = :y and granted",
      soci::use(court), soci::use(year), soci::into(decisions), soci::into(persons),
      soci::into(amount);
  t.decisions = decisions;
  t.persons = persons;
  t.amount_fen = amount;
  return t;
}

}  // namespace zhixing::inline store
