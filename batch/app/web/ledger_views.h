// What the finance page and the ledger API share: the transaction filter from a request, and
// the balances of a court's accounts.
#pragma once

#include <utility>
#include <vector>

#include "app/web/http.h"
#include "store/ledger_store.h"
#include "store/web_store.h"

namespace zhixing::app::web {

// kind, year, applicant, from, to, limit from the query or form (400 on a bad value).
TransactionFilter transaction_filter(const Request& r);
// Each of the court's accounts (of `year`, or every year when 0) with its balance in fen.
std::vector<std::pair<LedgerAccountRow, long long>> balances_for(soci::session& sql,
                                                                 const std::string& court,
                                                                 int year);

}  // namespace zhixing::app::web
