#include "store/relief_grant_store.h"

#include "store/pg_array.h"
#include "store/relief_store.h"

namespace zhixing::inline store {

std::vector<GrantedDecision> granted_decisions_through(soci::session& sql, Date through) {
  std::string date = through.iso();
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "select d.case_number, d.court_code, d.year, d.applicant, p.name, d.amount_fen,"
              " to_char(d.decided_on, 'YYYY-MM-DD'),"
              " (select doc.sha256 from documents doc where doc.case_id = d.case_id"
              "   and doc.kind = 'relief-decision' and doc.event_date = d.decided_on"
              "   order by doc.version limit 1),"
              " d.case_id"
              " from relief_decisions d join parties p on p.id = d.applicant"
              " where d.granted and d.decided_on <= cast(:d as date) order by d.case_number",
       soci::use(date));
  std::vector<GrantedDecision> out;
  for (const auto& r : rows) {
    GrantedDecision g;
    g.decision_number = r.get<std::string>(0);
    g.court_code = r.get<std::string>(1);
    g.year = r.get<int>(2);
    g.applicant_party_id = r.get<long long>(3);
    g.applicant_name = r.get<std::string>(4);
    g.amount = Money::from_fen(r.get<long long>(5));
    g.decided_on = *Date::parse_iso(r.get<std::string>(6));
    if (r.get_indicator(7) == soci::i_ok) g.decision_document_sha256 = r.get<std::string>(7);
    g.case_id = r.get<long long>(8);
    out.push_back(std::move(g));
  }
  return out;
}

std::map<long long, documents::ReliefRecords> relief_records(
    soci::session& sql, const std::vector<long long>& case_ids) {
  auto records = relief_records_for(sql, case_ids);
  if (case_ids.empty()) return records;
  // Posted grants (one voucher each) of these cases: the 司法救助金发放凭证.
  std::string ids = pg_bigint_array(case_ids);
  soci::rowset<soci::row> rows =
      (sql.prepare << "select d.case_id, v.voucher_number, t.decision_number,"
                      " to_char(d.decided_on, 'YYYY-MM-DD'), t.amount_fen, p.party_key"
                      " from ledger_transactions t"
                      " join ledger_vouchers v on v.grant_transaction_id = t.id"
                      " join relief_decisions d on d.case_number = t.decision_number"
                      " join parties p on p.id = t.applicant_party_id"
                      " where t.kind = 'grant' and d.case_id = any(cast(:ids as bigint[]))"
                      " and not exists (select 1 from ledger_transactions r"
                      "                 where r.reverses_transaction_id = t.id)"
                      " order by v.voucher_number",
       soci::use(ids));
  for (const auto& r : rows) {
    documents::ReliefGrantRecord g;
    g.voucher_number = r.get<std::string>(1);
    auto number = CaseNumber::parse(r.get<std::string>(2));
    if (!number) continue;
    g.decision_number = *number;
    g.decided_on = *Date::parse_iso(r.get<std::string>(3));
    g.amount = Money::from_fen(r.get<long long>(4));
    g.payee = r.get<std::string>(5);
    records[r.get<long long>(0)].grants.push_back(std::move(g));
  }
  return records;
}

}  // namespace zhixing::inline store
