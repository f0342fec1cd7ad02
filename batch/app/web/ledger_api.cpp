// The ledger API: transactions, balances, the chain's verification, the annual report (CSV, PDF).
#include "app/web/console.h"
#include "app/web/ledger_views.h"
#include "app/web/request_args.h"
#include "core/input_text.h"
#include "documents/blocks_pdf.h"
#include "ledger/ledger_report.h"
#include "ledger/transaction_kind.h"
#include "ledger/verifier.h"
#include "store/database.h"

namespace zhixing::app::web {

TransactionFilter transaction_filter(const Request& r) {
  TransactionFilter f;
  f.kind = r.param("kind");
  if (!f.kind.empty() && !ledger::parse_transaction_kind(f.kind))
    throw HttpError(400, "bad_kind", "未知的交易种类：" + f.kind.substr(0, 40));
  f.year = parse_int_param(r, "year", 0, 0, 2999, "bad_year", "年度");
  if (f.year != 0 && f.year < 2000) throw HttpError(400, "bad_year", "年度应在 2000 与 2999 之间");
  f.applicant = r.param("applicant");
  if (auto fault = check_input_text(f.applicant, 100))
    throw HttpError(400, "bad_request", "申请人：" + fault->message + "（" + fault->code + "）");
  f.from = parse_date_param(r, "from");
  f.to = parse_date_param(r, "to");
  f.limit = parse_int_param(r, "limit", 200, 1, 2000, "bad_limit", "条数");
  return f;
}

std::vector<std::pair<LedgerAccountRow, long long>> balances_for(soci::session& sql,
                                                                 const std::string& court,
                                                                 int year) {
  LedgerStore store(sql);
  std::vector<std::pair<LedgerAccountRow, long long>> out;
  for (const auto& a : store.all_accounts())
    if (a.court_code == court && (year == 0 || a.year == year))
      out.emplace_back(a, store.balance_fen(a));
  return out;
}

namespace {

std::string transaction_json(const TransactionRow& t) {
  return JsonObject()
      .add("id", jnum(t.id))
      .add("kind", jstr(t.kind))
      .add("kind_label", jstr(ledger::kind_label(*ledger::parse_transaction_kind(t.kind))))
      .add("key", jstr(t.key))
      .add("court_code", jstr(t.court_code))
      .add("year", jnum(t.year))
      .add("amount_fen", jnum(t.amount_fen))
      .add("amount", jstr(yuan(t.amount_fen)))
      .add("business_date", jstr(t.business_date))
      .add("applicant_name", jstr(t.applicant_name))
      .add("decision_number", jstr(t.decision_number))
      .add("voucher_number", jstr(t.voucher_number))
      .add("posted_by", jstr(t.posted_by))
      .add("posted_at", jstr(t.posted_at))
      .add("reversed", jbool(t.reversed))
      .str();
}

std::string balance_json(const LedgerAccountRow& a, long long balance) {
  return JsonObject()
      .add("code", jstr(a.code))
      .add("kind", jstr(ledger::account_kind_name(a.kind)))
      .add("label", jstr(ledger::account_label(a.kind)))
      .add("name", jstr(a.name))
      .add("year", jnum(a.year))
      .add("applicant_party_id", jnum(a.applicant_party_id))
      .add("balance_fen", jnum(balance))
      .add("balance", jstr(yuan(balance)))
      .str();
}

std::string verify_json(const ledger::VerifyResult& v) {
  return JsonObject()
      .add("ok", jbool(v.ok))
      .add("summary", jstr(v.summary()))
      .add("entries_checked", jnum(v.entries_checked))
      .add("transactions_checked", jnum(v.transactions_checked))
      .add("first_bad_sequence", jnum(v.first_bad_sequence))
      .add("problem", jstr(v.problem))
      .add("head_sequence", jnum(v.head_sequence))
      .add("head_hash", jstr(v.head_hash))
      .str();
}

}  // namespace

Response Console::ledger_transactions(Request& r, const Session& s) {
  require(s, Permission::view_ledger);
  TransactionFilter f = transaction_filter(r);
  auto sql = connect(runtime_url());
  std::vector<std::string> items;
  for (const auto& t : zhixing::ledger_transactions(*sql, f)) items.push_back(transaction_json(t));
  return Response::json("{\"transactions\":" + jarray(items) + "}");
}

Response Console::ledger_balances(Request& r, const Session& s) {
  require(s, Permission::view_ledger);
  int year = parse_int_param(r, "year", 0, 0, 2999, "bad_year", "年度");
  std::string court = r.param("court").empty() ? settings_.get("court.code") : r.param("court");
  auto sql = connect(runtime_url());
  std::vector<std::string> items;
  long long fund = 0;
  for (const auto& [a, b] : balances_for(*sql, court, year)) {
    items.push_back(balance_json(a, b));
    if (a.kind == ledger::AccountKind::fund) fund += b;
  }
  return Response::json(JsonObject()
                            .add("court", jstr(court))
                            .add("year", jnum(year))
                            .add("fund_available_fen", jnum(fund))
                            .add("accounts", jarray(items))
                            .str());
}

Response Console::ledger_verify(Request& /*r*/, const Session& s) {
  require(s, Permission::view_ledger);
  auto sql = connect(runtime_url());
  return Response::json(verify_json(ledger::verify_ledger(*sql)));
}

Response Console::ledger_report(Request& r, const Session& s, const std::string& format) {
  require(s, Permission::view_ledger);
  std::string y = r.param("year");
  if (y.empty()) throw HttpError(400, "bad_year", "请指定年度");
  int year = parse_int_param(r, "year", 0, 2000, 2999, "bad_year", "年度");
  std::string court = r.param("court").empty() ? settings_.get("court.code") : r.param("court");
  auto sql = connect(runtime_url());
  ledger::LedgerReport report = ledger::build_ledger_report(*sql, court, year);
  Response resp;
  if (format == "csv") {
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = ledger::ledger_report_csv(report);
    resp.headers.emplace_back("Content-Disposition",
                              content_disposition("ledger-" + std::to_string(year) + ".csv"));
  } else {
    resp.content_type = "application/pdf";
    resp.body =
        documents::render_blocks_pdf(ledger::ledger_report_document(report), settings_.data_root(),
                                     settings_.get("documents.profile", "gbt9704"));
    resp.headers.emplace_back("Content-Disposition",
                              content_disposition("ledger-" + std::to_string(year) + ".pdf"));
  }
  return resp;
}

}  // namespace zhixing::app::web
