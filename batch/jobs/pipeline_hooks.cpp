#include "jobs/pipeline_hooks.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/policy_file.h"
#include "jobs/relief_run.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger.h"
#include "ledger/verifier.h"
#include "store/relief_grant_store.h"
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
  if (r.full == FullRunReason::none)
    msg << "增量评估（可能变化的案件 " << r.changed << " 件）：";
  else
    msg << "全量评估（" << full_run_reason_name(r.full) << "）：";
  msg << "申请 " << r.applications << " 件，筛查 " << r.screened << " 件（符合 " << r.eligible
      << "，不予救助 " << r.ineligible << "，需审查 " << r.needs_review << "）；新立司救执案件 "
      << n.numbered << " 件";
  if (n.conflicts > 0) msg << "；合议庭决定与已记录不一致 " << n.conflicts << " 件";
  o.message = msg.str();
  return o;
}

namespace {

// The ledger's request for a granted decision.
ledger::GrantRequest grant_request(const GrantedDecision& d) {
  ledger::GrantRequest g;
  g.decision_number = d.decision_number;
  g.court_code = d.court_code;
  g.year = d.year;
  g.applicant_party_id = d.applicant_party_id;
  g.applicant_name = d.applicant_name;
  g.amount = d.amount;
  g.business_date = d.decided_on;
  g.decision_document_sha256 = d.decision_document_sha256.value_or("");
  return g;
}

// A grant the ledger refused: a recorded, skipped item (the night goes on and ends "completed
// with skipped items", exit 3). Returns the message.
std::string record_refusal(StepEnv& env, const GrantedDecision& d, const ledger::PostResult& r) {
  ItemFailure f;
  f.step_name = env.step_name;
  f.case_id = d.case_id;
  f.case_number = d.decision_number;
  f.document_kind = "relief-grant";
  f.error_code = r.code();
  f.message = d.decision_number + " " + r.code() + "：" + r.message;
  env.repo.record_failure(env.execution_id, f);
  return f.message;
}

}  // namespace

StepOutcome ledger_post_grants(StepEnv& env) {
  // Granted decisions dated by the business date whose decision document has been issued: the
  // hook selects them and hands them over; the ledger itself checks each against its recorded
  // decision, document and cap (ledger/ledger.h) and refuses what does not hold. A decision
  // whose document is not issued yet waits for a later run.
  StepOutcome o;
  std::vector<GrantedDecision> ready;
  int missing_document = 0;
  for (auto& d : granted_decisions_through(env.sql, env.business_date)) {
    ++o.counts.read;
    if (d.decision_document_sha256)
      ready.push_back(std::move(d));
    else
      ++missing_document;
  }
  std::vector<ledger::GrantRequest> requests;
  for (const auto& d : ready) requests.push_back(grant_request(d));
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
      // A failure of the ledger itself throws and fails the step; this is a business refusal
      // (insufficient_funds, over_cap, decision_mismatch …).
      ++o.counts.skipped;
      refused << "；" << record_refusal(env, ready[i], r);
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
