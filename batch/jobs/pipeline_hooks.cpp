#include "jobs/pipeline_hooks.h"

#include "store/pg_array.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/relief_summary.h"
#include "jobs/relief_run.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger.h"
#include "ledger/verifier.h"
#include "store/relief_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;

namespace {

ledger::Ledger make_ledger(StepEnv& env) {
  return ledger::Ledger(env.sql, {env.settings.get_bool("ledger.offsets_enabled", true)});
}

}  // namespace

StepOutcome relief_assess(StepEnv& env) {
  ReliefRunOptions options;
  options.business_date = env.business_date;
  ReliefRunReport r = run_relief_assessment(env.sql, cli::load_relief_policy(env.settings), options);
  NumberingReport n = number_relief_decisions(env.sql);
  StepOutcome o;
  o.counts.read = r.cases_read;
  o.counts.written = r.stored.inserted + r.stored.revived + n.numbered;
  std::ostringstream msg;
  msg << "申请 " << r.applications << " 件，筛查 " << r.screened << " 件（符合 " << r.eligible
      << "，不予救助 " << r.ineligible << "，需审查 " << r.needs_review << "）；新立司救执案件 "
      << n.numbered << " 件";
  if (n.conflicts > 0) msg << "；合议庭决定与已记录不一致 " << n.conflicts << " 件";
  o.message = msg.str();
  return o;
}

std::map<long long, documents::ReliefRecords> relief_records(soci::session& sql,
                                                             const std::vector<long long>& case_ids) {
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

StepOutcome ledger_post_grants(StepEnv& env) {
  // Granted decisions dated by the business date whose decision document has been issued: the
  // grant references the document's SHA-256.
  std::string date = env.business_date.iso();
  soci::rowset<soci::row> rows =
      (env.sql.prepare
           << "select d.case_number, d.court_code, d.year, d.applicant, p.name, d.amount_fen,"
              " to_char(d.decided_on, 'YYYY-MM-DD'),"
              " (select doc.sha256 from documents doc where doc.case_id = d.case_id"
              "   and doc.kind = 'relief-decision' and doc.event_date = d.decided_on"
              "   order by doc.version limit 1),"
              " d.exception_approved::int,"
              " (select a.cap_fen from relief_assessments a where a.case_id = d.case_id"
              "   and a.kind = 'application' order by a.assessed_at desc, a.id desc limit 1)"
              " from relief_decisions d join parties p on p.id = d.applicant"
              " where d.granted and d.decided_on <= cast(:d as date) order by d.case_number",
       soci::use(date));
  std::vector<ledger::GrantRequest> requests;
  StepOutcome o;
  int missing_document = 0;
  std::ostringstream over_cap;
  for (const auto& r : rows) {
    ++o.counts.read;
    if (r.get_indicator(7) != soci::i_ok) {
      ++missing_document;
      continue;
    }
    // A panel amount above the cap is paid only with the exception approved (issue 4): the
    // ledger refuses it, and the run reports it as a skipped item for the finance office.
    if (r.get<int>(8) == 0 && r.get_indicator(9) == soci::i_ok &&
        r.get<long long>(5) > r.get<long long>(9)) {
      ++o.counts.skipped;
      over_cap << "；" << r.get<std::string>(0) << " over_cap：决定金额 "
               << Money::from_fen(r.get<long long>(5)).figures() << " 超过救助上限 "
               << Money::from_fen(r.get<long long>(9)).figures() << " 且未经特别批准，不予过账";
      continue;
    }
    ledger::GrantRequest g;
    g.decision_number = r.get<std::string>(0);
    g.court_code = r.get<std::string>(1);
    g.year = r.get<int>(2);
    g.applicant_party_id = r.get<long long>(3);
    g.applicant_name = r.get<std::string>(4);
    g.amount = Money::from_fen(r.get<long long>(5));
    g.business_date = *Date::parse_iso(r.get<std::string>(6));
    g.decision_document_sha256 = r.get<std::string>(7);
    requests.push_back(std::move(g));
  }
  auto ledger = make_ledger(env);
  auto results = ledger.post_grants(requests, "nightly");
  int created = 0, exists = 0;
  std::ostringstream refused;
  for (size_t i = 0; i < results.size(); ++i) {
    switch (results[i].status) {
      case ledger::PostStatus::created: ++created; break;
      case ledger::PostStatus::exists: ++exists; break;
      default:
        ++o.counts.failed;
        refused << "；" << requests[i].decision_number << " " << ledger::status_name(results[i].status)
                << "：" << results[i].message;
    }
  }
  o.counts.written = created;
  o.message = "过账救助金 " + std::to_string(created) + " 笔，已过账 " + std::to_string(exists) + " 笔";
  if (missing_document > 0)
    o.message += "，尚无决定书 " + std::to_string(missing_document) + " 笔（下次运行过账）";
  o.message += refused.str() + over_cap.str();
  // A ledger refusal is never skipped: the step fails and the run with it.
  if (o.counts.failed > 0) o.status = StepStatus::failed;
  return o;
}

StepOutcome ledger_apply_confirmations(StepEnv& env) {
  fs::path inbox = env.settings.path("paths.inbox", "var/inbox");
  std::vector<fs::path> files;
  if (fs::is_directory(inbox))
    for (const auto& e : fs::directory_iterator(inbox))
      if (e.is_regular_file() && e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  StepOutcome o;
  auto ledger = make_ledger(env);
  int bad = 0;
  std::ostringstream detail;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ledger::ConfirmationReport report =
        ledger::apply_bank_confirmations(ledger, env.sql, ss.str(), "nightly");
    o.counts.read += static_cast<int64_t>(report.lines.size());
    o.counts.written += report.matched;
    bad += report.mismatched + report.unknown + report.invalid;
    for (const auto& line : report.lines)
      if (line.outcome != ledger::ConfirmationOutcome::matched &&
          line.outcome != ledger::ConfirmationOutcome::already_confirmed)
        detail << "；" << f.filename().string() << " " << ledger::format_confirmation_line(line);
  }
  o.counts.failed = bad;
  o.message = "银行确认文件 " + std::to_string(files.size()) + " 个，付款过账 " +
              std::to_string(o.counts.written) + " 笔" + detail.str();
  if (bad > 0) o.status = StepStatus::failed;
  return o;
}

StepOutcome ledger_post_payments(StepEnv&) {
  StepOutcome o;
  o.message = "付款随银行确认逐行过账（见 apply-confirmations）";
  return o;
}

StepOutcome ledger_verify(StepEnv& env) {
  ledger::VerifyResult v = ledger::verify_ledger(env.sql);
  StepOutcome o;
  o.counts.read = v.entries_checked;
  o.message = "台账校验：" + v.summary() + "（分录 " + std::to_string(v.entries_checked) + " 条）";
  if (!v.ok) {
    o.counts.failed = 1;
    o.message += "：" + v.problem;
    o.status = StepStatus::failed;
  }
  return o;
}

}  // namespace zhixing::jobs
