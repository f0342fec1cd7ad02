#include "jobs/pipeline_hooks.h"

#include "store/pg_array.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "config/policy_file.h"
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
  ReliefRunReport r =
      run_relief_assessment(env.sql, config::load_relief_policy(env.settings), options);
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

StepOutcome ledger_post_grants(StepEnv& env) {
  // Granted decisions dated by the business date whose decision document has been issued: the
  // hook selects them and hands them over; the ledger itself checks each against its recorded
  // decision, document and cap (ledger/ledger.h) and refuses what does not hold.
  std::string date = env.business_date.iso();
  soci::rowset<soci::row> rows =
      (env.sql.prepare
           << "select d.case_number, d.court_code, d.year, d.applicant, p.name, d.amount_fen,"
              " to_char(d.decided_on, 'YYYY-MM-DD'),"
              " (select doc.sha256 from documents doc where doc.case_id = d.case_id"
              "   and doc.kind = 'relief-decision' and doc.event_date = d.decided_on"
              "   order by doc.version limit 1),"
              " d.case_id"
              " from relief_decisions d join parties p on p.id = d.applicant"
              " where d.granted and d.decided_on <= cast(:d as date) order by d.case_number",
       soci::use(date));
  std::vector<ledger::GrantRequest> requests;
  std::map<std::string, long long> case_of;  // decision number → its case
  StepOutcome o;
  int missing_document = 0;
  for (const auto& r : rows) {
    ++o.counts.read;
    if (r.get_indicator(7) != soci::i_ok) {
      ++missing_document;
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
    case_of[g.decision_number] = r.get<long long>(8);
    requests.push_back(std::move(g));
  }
  auto ledger = make_ledger(env);
  auto results = ledger.post_grants(requests, "nightly");
  int created = 0, exists = 0;
  std::ostringstream refused;
  for (size_t i = 0; i < results.size(); ++i) {
    const ledger::PostResult& r = results[i];
    if (r.status == ledger::PostStatus::created) {
      ++created;
    } else if (r.status == ledger::PostStatus::exists) {
      ++exists;
    } else {
      // A business refusal (insufficient_funds, over_cap, decision_mismatch …) is a recorded,
      // skipped item: the night goes on and ends "completed with skipped items" (exit 3). A
      // failure of the ledger itself throws and fails the step.
      ++o.counts.skipped;
      ItemFailure f;
      f.step_name = env.step_name;
      f.case_id = case_of[requests[i].decision_number];
      f.case_number = requests[i].decision_number;
      f.document_kind = "relief-grant";
      f.error_code = r.code();
      f.message = requests[i].decision_number + " " + r.code() + "：" + r.message;
      env.repo.record_failure(env.execution_id, f);
      refused << "；" << f.message;
    }
  }
  o.counts.written = created;
  o.message =
      "过账救助金 " + std::to_string(created) + " 笔，已过账 " + std::to_string(exists) + " 笔";
  if (missing_document > 0)
    o.message += "，尚无决定书 " + std::to_string(missing_document) + " 笔（下次运行过账）";
  if (o.counts.skipped > 0)
    o.message += "，台账拒绝 " + std::to_string(o.counts.skipped) + " 笔（未过账）" + refused.str();
  if (o.counts.skipped > env.job.skip_limit) o.status = StepStatus::failed;
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
  std::ostringstream detail;
  auto skip = [&](const std::string& code, const std::string& message) {
    ++o.counts.skipped;
    ItemFailure f;
    f.step_name = env.step_name;
    f.document_kind = "bank-confirmation";
    f.error_code = code;
    f.message = message;
    env.repo.record_failure(env.execution_id, f);
    detail << "；" << message;
  };
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ledger::ConfirmationReport report;
    try {
      report = ledger::apply_bank_confirmations(ledger, env.sql, ss.str(), "nightly");
    } catch (const soci::soci_error&) {
      throw;  // the database failed: the step fails
    } catch (const std::runtime_error& e) {
      skip("bad_confirmation_file", f.filename().string() + " bad_confirmation_file：" + e.what());
      continue;
    }
    o.counts.read += static_cast<int64_t>(report.lines.size());
    o.counts.written += report.matched;
    // A line the ledger turns down (mismatched, unknown, invalid, not applied) is a recorded,
    // skipped item, like a refused grant.
    for (const auto& line : report.lines)
      if (line.outcome != ledger::ConfirmationOutcome::matched &&
          line.outcome != ledger::ConfirmationOutcome::already_confirmed)
        skip(std::string(ledger::outcome_name(line.outcome)),
             f.filename().string() + " " + ledger::format_confirmation_line(line));
  }
  o.message = "银行确认文件 " + std::to_string(files.size()) + " 个，付款过账 " +
              std::to_string(o.counts.written) + " 笔" + detail.str();
  if (o.counts.skipped > env.job.skip_limit) o.status = StepStatus::failed;
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
