#include "ledger/ledger_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/csv.h"
#include "core/money.h"
#include "core/money_in_words.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

namespace {

std::string period_of(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

void add(FlowFigures& f, TransactionKind kind, int64_t fen) {
  switch (kind) {
    case TransactionKind::appropriation:
      f.appropriations_fen = add_fen(f.appropriations_fen, fen);
      break;
    case TransactionKind::grant:
      f.grants_fen = add_fen(f.grants_fen, fen);
      ++f.grant_count;
      break;
    case TransactionKind::payment:
      f.payments_fen = add_fen(f.payments_fen, fen);
      break;
    case TransactionKind::offset:
      f.offsets_fen = add_fen(f.offsets_fen, fen);
      break;
    case TransactionKind::recovery:
      f.recoveries_fen = add_fen(f.recoveries_fen, fen);
      break;
    case TransactionKind::reversal:
      break;
  }
}

std::string dec(int64_t fen) { return Money::from_fen(fen).decimal(); }
std::string figures(int64_t fen) { return Money::from_fen(fen).figures(); }
std::string words(int64_t fen) { return fen >= 0 ? money_in_words(Money::from_fen(fen)) : ""; }

}  // namespace

LedgerReport build_ledger_report(soci::session& sql, const std::string& court_code, int year) {
  LedgerReport report;
  report.court_code = court_code;
  report.year = year;
  LedgerStore store(sql);
  report.court_name = store.court_name(court_code);
  std::vector<LedgerTransactionRow> transactions = store.all_transactions();
  std::vector<LedgerVoucherRow> vouchers = store.all_vouchers();
  std::vector<LedgerAccountRow> accounts = store.all_accounts();
  std::vector<LedgerEntryRow> entries = store.all_entries();

  std::set<long long> netted;  // reversed transactions and their reversals
  for (const auto& t : transactions)
    if (t.content.kind == TransactionKind::reversal) {
      netted.insert(t.id);
      netted.insert(t.reverses_id);
    }
  std::map<long long, const LedgerTransactionRow*> by_id;
  for (const auto& t : transactions) by_id[t.id] = &t;
  std::map<std::string, long long> grant_of_voucher;
  std::map<long long, std::string> voucher_of_grant;
  for (const auto& v : vouchers) {
    grant_of_voucher[v.voucher_number] = v.grant_transaction_id;
    voucher_of_grant[v.grant_transaction_id] = v.voucher_number;
  }

  std::map<std::string, MonthLine> months;
  for (int m = 1; m <= 12; ++m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, m);
    months[buf].period = buf;
  }
  std::map<long long, ApplicantLine> applicants;
  for (const auto& t : transactions) {
    const TransactionContent& c = t.content;
    if (c.court_code != court_code || c.year != year || netted.count(t.id)) continue;
    add(report.totals, c.kind, c.amount_fen);
    MonthLine& month = months[period_of(c.business_date)];
    month.period = period_of(c.business_date);
    add(month.flows, c.kind, c.amount_fen);
    long long party = c.applicant_party_id;
    std::string name = c.applicant_name;
    if (c.kind == TransactionKind::payment) {
      auto g = grant_of_voucher.find(c.voucher_number);
      if (g != grant_of_voucher.end() && by_id.count(g->second)) {
        party = by_id[g->second]->content.applicant_party_id;
        name = by_id[g->second]->content.applicant_name;
      }
    }
    if (party == 0) continue;
    ApplicantLine& a = applicants[party];
    a.applicant_party_id = party;
    if (a.applicant_name.empty()) a.applicant_name = name;
    add(a.flows, c.kind, c.amount_fen);
    if (c.kind == TransactionKind::grant && voucher_of_grant.count(t.id))
      a.voucher_numbers.push_back(voucher_of_grant[t.id]);
  }
  int64_t available = 0;
  for (auto& [period, m] : months) {
    available = add_fen(available, sub_fen(m.flows.appropriations_fen, m.flows.grants_fen));
    m.fund_available_fen = available;
    if (period.compare(0, 4, std::to_string(year)) == 0 || m.flows.grant_count > 0 ||
        m.flows.payments_fen + m.flows.offsets_fen + m.flows.recoveries_fen +
                m.flows.appropriations_fen >
            0)
      report.months.push_back(m);
  }
  for (auto& [party, a] : applicants) {
    a.payable_fen = a.flows.grants_fen - a.flows.payments_fen;
    a.unrecovered_fen = a.flows.payments_fen - a.flows.offsets_fen - a.flows.recoveries_fen;
    report.applicants.push_back(a);
  }
  std::sort(report.applicants.begin(), report.applicants.end(), [](const auto& x, const auto& y) {
    return std::tie(x.applicant_name, x.applicant_party_id) <
           std::tie(y.applicant_name, y.applicant_party_id);
  });
  report.fund_available_fen = report.totals.appropriations_fen - report.totals.grants_fen;

  std::map<long long, int64_t> balance;
  for (const auto& e : entries)
    balance[e.account_id] = add_fen(balance[e.account_id], sub_fen(e.credit_fen, e.debit_fen));
  for (const auto& a : accounts) {
    if (a.court_code != court_code || a.year != year) continue;
    AccountLine line;
    line.code = a.code;
    line.label = a.kind == AccountKind::payable ? a.name : std::string(account_label(a.kind));
    line.balance_fen = is_credit_normal(a.kind) ? balance[a.id] : -balance[a.id];
    report.accounts.push_back(line);
  }
  report.verification = verify_ledger(sql);
  return report;
}

std::string ledger_report_csv(const LedgerReport& r) {
  std::string out;
  out += "# 司法救助金台账 " + r.court_name + "（" + r.court_code + "） " + std::to_string(r.year) +
         " 年度\n";
  out += csv_row({"section", "period", "applicant_id", "applicant", "appropriations", "grants",
                  "payments", "offsets", "recoveries", "balance"});
  const std::string y = std::to_string(r.year);
  for (const auto& a : r.applicants)
    out += csv_row({"applicant", y, std::to_string(a.applicant_party_id), a.applicant_name, "",
                    dec(a.flows.grants_fen), dec(a.flows.payments_fen), dec(a.flows.offsets_fen),
                    dec(a.flows.recoveries_fen), dec(a.payable_fen)});
  for (const auto& m : r.months)
    out += csv_row({"month", m.period, "", "", dec(m.flows.appropriations_fen),
                    dec(m.flows.grants_fen), dec(m.flows.payments_fen), dec(m.flows.offsets_fen),
                    dec(m.flows.recoveries_fen), dec(m.fund_available_fen)});
  const FlowFigures& t = r.totals;
  out += csv_row({"total", y, "", "", dec(t.appropriations_fen), dec(t.grants_fen),
                  dec(t.payments_fen), dec(t.offsets_fen), dec(t.recoveries_fen),
                  dec(r.fund_available_fen)});
  out += csv_row({"total_in_words", y, "", "", words(t.appropriations_fen), words(t.grants_fen),
                  words(t.payments_fen), words(t.offsets_fen), words(t.recoveries_fen),
                  words(r.fund_available_fen)});
  for (const auto& a : r.accounts)
    out += csv_row({"account", a.code, "", a.label, "", "", "", "", "", dec(a.balance_fen)});
  out += "# grants: " + std::to_string(t.grant_count) + ", total " + dec(t.grants_fen) + " (" +
         words(t.grants_fen) + ")\n";
  // The chain head, to keep outside the database: `ledger verify --anchor` checks it later.
  out += head_line(r.verification.head_sequence, r.verification.head_hash) + "\n";
  out += "# verify: " + r.verification.summary() + "\n";
  return out;
}

layout::Document ledger_report_document(const LedgerReport& r) {
  using namespace layout;
  Document doc;
  doc.metadata.title = "司法救助金台账（" + std::to_string(r.year) + "年度）";
  doc.metadata.author = r.court_name;
  doc.metadata.subject = "司法救助金台账";
  doc.blocks.push_back(CourtName{r.court_name});
  doc.blocks.push_back(Title{"司法救助金台账"});
  doc.blocks.push_back(CaseNumber{std::to_string(r.year) + "年度"});
  const FlowFigures& t = r.totals;
  doc.blocks.push_back(
      Paragraph{"本年度拨入救助资金" + figures(t.appropriations_fen) + "（" +
                words(t.appropriations_fen) + "），发放司法救助" + std::to_string(t.grant_count) +
                "笔，合计" + figures(t.grants_fen) + "（" + words(t.grants_fen) + "）；银行已支付" +
                figures(t.payments_fen) + "（" + words(t.payments_fen) + "）；扣回" +
                figures(t.offsets_fen) + "，追回" + figures(t.recoveries_fen) + "；救助资金结余" +
                figures(r.fund_available_fen) + "（" + words(r.fund_available_fen) + "）。"});
  doc.blocks.push_back(Note{"一、按申请人", true});
  Table applicants{{"申请人", "凭证号", "发放", "支付", "收回", "应付余额"}, {}};
  for (const auto& a : r.applicants) {
    std::string vouchers;
    for (const auto& v : a.voucher_numbers) vouchers += (vouchers.empty() ? "" : "、") + v;
    applicants.rows.push_back(
        {a.applicant_name, vouchers, dec(a.flows.grants_fen), dec(a.flows.payments_fen),
         dec(a.flows.offsets_fen + a.flows.recoveries_fen), dec(a.payable_fen)});
  }
  applicants.rows.push_back({"合计", "", dec(t.grants_fen), dec(t.payments_fen),
                             dec(t.offsets_fen + t.recoveries_fen),
                             dec(t.grants_fen - t.payments_fen)});
  doc.blocks.push_back(applicants);
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"二、按月份", true});
  Table months{{"月份", "拨入", "发放", "支付", "收回", "资金结余"}, {}};
  for (const auto& m : r.months)
    months.rows.push_back({m.period, dec(m.flows.appropriations_fen), dec(m.flows.grants_fen),
                           dec(m.flows.payments_fen),
                           dec(m.flows.offsets_fen + m.flows.recoveries_fen),
                           dec(m.fund_available_fen)});
  doc.blocks.push_back(months);
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"三、科目余额", true});
  Table accounts{{"科目", "名称", "余额"}, {}};
  for (const auto& a : r.accounts) accounts.rows.push_back({a.code, a.label, dec(a.balance_fen)});
  doc.blocks.push_back(accounts);
  doc.blocks.push_back(Blank{1});
  // The chain head on a line of its own: an unbreakable hex run would otherwise stretch the
  // line before it across the grid.
  if (r.verification.ok) {
    doc.blocks.push_back(Paragraph{"台账核验：通过（分录" +
                                   std::to_string(r.verification.entries_checked) + "条）。"});
  } else {
    doc.blocks.push_back(Paragraph{"台账核验：不符（" + r.verification.summary() + "：" +
                                   r.verification.problem + "）。"});
  }
  // The chain head as the CSV prints it (`ledger verify --anchor` reads it back from the PDF's
  // text). An unbreakable hex run would stretch a justified line across the grid: the line is a
  // Note (flush left, not justified), the hash in two halves.
  const std::string& hash = r.verification.head_hash;
  doc.blocks.push_back(Note{"哈希链末端（# head: 序号 哈希）：", true});
  doc.blocks.push_back(Note{
      "# head: " + std::to_string(r.verification.head_sequence) + " " + hash.substr(0, 32), true});
  doc.blocks.push_back(Note{hash.substr(32)});
  return doc;
}

}  // namespace zhixing::ledger
