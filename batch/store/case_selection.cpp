#include "store/case_selection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "store/pg_array.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {

namespace {

// A value as an SQL string literal, quoted by the server's rules for this connection.
std::string quote_literal(soci::session& sql, const std::string& value) {
  PGconn* conn = native_connection(sql);
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeLiteral(conn, value.c_str(), value.size()), &PQfreemem);
  if (!quoted) throw std::runtime_error(PQerrorMessage(conn));
  return quoted.get();
}

std::string term_condition(soci::session& sql, const CaseFilterTerm& term) {
  switch (term.key) {
    case CaseFilterKey::court:
      return "c.court_code = " + quote_literal(sql, term.value);
    case CaseFilterKey::year:
      return "c.year = " + std::to_string(std::stoi(term.value));
    case CaseFilterKey::category:
      return quote_literal(sql, term.value) + " = any(c.categories)";
    case CaseFilterKey::status:
      return "c.status = " + quote_literal(sql, term.value);
  }
  throw std::logic_error("unknown case filter key");
}

std::string scope_condition(CaseScope scope) {
  switch (scope) {
    case CaseScope::all:
      return "true";
    case CaseScope::with_relief_application:
      return "exists (select 1 from relief_applications r where r.case_id = c.id)";
    case CaseScope::relief_candidates:
      return "exists (select 1 from relief_applications ra where ra.case_id = c.id)"
             " or (c.closure_kind in ('terminated_current', 'terminated')"
             " and c.claim_fen > c.recovered_fen and c.livelihood"
             " and exists (select 1 from parties p where p.case_id = c.id and p.role = "
             "'applicant' and p.kind = 'person'))";
  }
  throw std::logic_error("unknown case scope");
}

// The selection as a condition on cases c.
std::string selection_condition(soci::session& sql, const CaseSelection& selection) {
  std::string where = "(" + scope_condition(selection.scope) + ")";
  for (const auto& term : selection.filter) where += " and " + term_condition(sql, term);
  if (selection.case_id) where += " and c.id = " + std::to_string(*selection.case_id);
  return where;
}

}  // namespace

std::vector<long long> selected_case_ids(soci::session& sql, const CaseSelection& selection) {
  std::vector<long long> ids;
  soci::rowset<long long> rows =
      (sql.prepare << "select c.id from cases c where " + selection_condition(sql, selection) +
                          " order by c.case_number");
  for (long long id : rows) ids.push_back(id);
  return ids;
}

void for_each_case(soci::session& sql, const CaseSelection& selection, size_t chunk,
                   const std::function<void(std::vector<LoadedCase>&)>& visit) {
  for_each_case(sql, selection_condition(sql, selection), chunk, visit);
}

void for_each_case_among(soci::session& sql, const CaseSelection& selection,
                         const std::vector<long long>& ids, size_t chunk,
                         const std::function<void(std::vector<LoadedCase>&)>& visit) {
  const std::string where = selection_condition(sql, selection);
  for (size_t at = 0; at < ids.size(); at += chunk) {
    const std::vector<long long> slice(
        ids.begin() + static_cast<std::ptrdiff_t>(at),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + chunk)));
    for_each_case(sql, where + " and c.id = any('" + pg_bigint_array(slice) + "'::bigint[])", chunk,
                  visit);
  }
}

}  // namespace zhixing::inline store
