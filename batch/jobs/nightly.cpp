#include "jobs/nightly.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>

#include "core/court_registry.h"
#include "core/json_text.h"
#include "documents/document_engine.h"
#include "importer/importer.h"
#include "jobs/pipeline_hooks.h"
#include "jobs/plan_scope.h"
#include "jobs/render_queue.h"
#include "jobs/run_log.h"
#include "ledger/verifier.h"
#include "store/database.h"
#include "store/ledger_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;

const std::vector<std::string>& nightly_step_names() {
  static const std::vector<std::string> names = {
      "import",          "relief-assess",       "plan-documents", "render-documents", "post-grants",
      "render-vouchers", "apply-confirmations", "post-payments",  "verify-ledger"};
  return names;
}

std::string nightly_job_key(Date d) { return "business_date=" + d.iso(); }

namespace {

// The shared, lazily loaded pieces of one nightly process.
struct NightlyContext {
  const Settings& settings;
  CourtRegistry courts;
  fs::path inbox;
  fs::path rejects_path;
  std::unique_ptr<documents::DocumentEngine> engine;
  std::shared_ptr<const DocumentSealing> sealing;
  long long rejected = 0;

  const documents::DocumentEngine& document_engine() {
    if (!engine)
      engine = std::make_unique<documents::DocumentEngine>(
          settings.data_root().string(), settings.get("documents.profile", "gbt9704"));
    return *engine;
  }
  const DocumentSealing& document_sealing() {
    if (!sealing) sealing = DocumentSealing::open(settings);
    return *sealing;
  }
};

StepOutcome import_inbox(StepEnv& env, NightlyContext& ctx) {
  StepOutcome out;
  fs::create_directories(ctx.inbox);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(ctx.inbox))
    if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ImportOptions options = import_options(env.settings);
  options.skip_completed_files = true;
  options.connection_url = env.runtime_url;
  Importer importer(env.sql, ctx.courts, options);
  std::ofstream rejects;
  int skipped_files = 0;
  for (const auto& f : files) {
    ImportReport r = importer.import_file(f.string(), [&](const RejectedLine& line) {
      if (!rejects.is_open()) rejects.open(ctx.rejects_path, std::ios::app);
      rejects << f.filename().string() << " " << format_rejection(line) << "\n";
      ItemFailure fl;
      fl.step_name = env.step_name;
      fl.case_number = line.case_number.value_or("");
      fl.error_code = line.rejection.code;
      fl.message = f.filename().string() + " 第 " + std::to_string(line.line) + " 行 " +
                   (line.rejection.field.empty() ? "" : line.rejection.field + "：") +
                   line.rejection.message;
      env.repo.record_failure(env.execution_id, fl);
    });
    if (r.skipped_file) {
      ++skipped_files;
      continue;
    }
    out.counts.read += r.lines;
    out.counts.written += r.inserted + r.updated;
    out.counts.skipped += r.rejected;
    ctx.rejected += r.rejected;
    log_line(env.execution_id,
             "导入 " + f.filename().string() + "：共 " + std::to_string(r.lines) + " 行，新增 " +
                 std::to_string(r.inserted) + "，更新 " + std::to_string(r.updated) + "，未变 " +
                 std::to_string(r.unchanged) + "，拒绝 " + std::to_string(r.rejected));
  }
  out.message = files.empty() ? "收件箱 " + ctx.inbox.string() + " 中没有待导入的文件"
                              : std::to_string(files.size()) + " 个文件，其中 " +
                                    std::to_string(skipped_files) + " 个此前已完整导入";
  return out;
}

std::vector<documents::DocumentKind> case_document_kinds() {
  std::vector<documents::DocumentKind> kinds;
  for (auto k : documents::all_kinds())
    if (k != documents::DocumentKind::relief_voucher) kinds.push_back(k);
  return kinds;
}

// The night's summary lines after the steps.
void summary_lines(const NightlyContext& ctx, const fs::path& out_dir,
                   const std::string& runtime_url, long long run_id, std::ostream& text) {
  text << "  文书目录 " << (out_dir / "documents").string() << "\n";
  // The ledger's chain head, kept outside the database: `zhixing ledger verify --anchor` with
  // this file (or its JSON) later finds any entry deleted or changed since.
  try {
    auto sql = connect(runtime_url);
    ChainHead head = LedgerStore(*sql).head();
    text << "  台账链末端 " << ledger::head_line(head.sequence, head.hash) << "\n";
  } catch (const std::exception& e) {
    text << "  台账链末端无法读取：" << mask_personal_numbers(e.what()) << "\n";
  }
  if (ctx.rejected > 0) text << "  被拒绝的行见 " << ctx.rejects_path.string() << "\n";
  text << "  失败与跳过的项目：zhixing runs show " << run_id << "\n";
}

// The night's summary JSON members: the ledger's chain head and the grants it refused.
std::vector<std::pair<std::string, std::string>> summary_members(const std::string& runtime_url,
                                                                 long long run_id) {
  auto sql = connect(runtime_url);
  ChainHead head = LedgerStore(*sql).head();
  std::vector<std::string> refused;
  for (const ItemFailure& f : JobRepository(*sql).failures(run_id))
    if (f.step_name == "post-grants")
      refused.push_back(JsonObject(JsonStyle::spaced)
                            .add_string("decision_number", f.case_number)
                            .add_string("code", f.error_code)
                            .add_string("message", f.message)
                            .str());
  return {{"ledger_head", JsonObject(JsonStyle::spaced)
                              .add_number("seq", head.sequence)
                              .add_string("hash", head.hash)
                              .str()},
          {"refused_grants", json_array(refused, JsonStyle::lines, 1)}};
}

}  // namespace

RunResult run_nightly(const Settings& settings, const NightlyOptions& options, std::ostream& out) {
  JobSettings job = JobSettings::from(settings);
  const std::string date = options.business_date.iso();
  auto ctx = std::make_shared<NightlyContext>(
      NightlyContext{settings, load_courts(settings), {}, {}, {}, {}, 0});
  fs::path out_dir = settings.path("paths.output", "out");
  ctx->inbox = settings.path("paths.inbox", "var/inbox");
  ctx->rejects_path = out_dir / "runs" / ("nightly-" + date + "-rejects.txt");
  fs::create_directories(out_dir / "runs");

  JobRun run;
  run.key = {"nightly", nightly_job_key(options.business_date),
             JsonObject(JsonStyle::spaced).add_string("business_date", date).str()};
  run.title = "夜间批处理 业务日期 " + date;
  run.business_date = date;
  run.launch.rerun = options.rerun;
  run.launch.started_by = options.started_by;
  run.out_dir = out_dir;
  run.runtime_url = ensure_database(settings).runtime_url;
  run.summary_copies = {out_dir / "runs" / ("nightly-" + date + ".txt")};

  auto render_step = [ctx, out_dir](const std::string& queue_step) {
    return [ctx, out_dir, queue_step](StepEnv& env) {
      WorkQueue queue(env.sql, env.instance_id, queue_step);
      RenderOptions ro;
      ro.courts = &ctx->courts;
      ro.out_dir = out_dir / "documents";
      ro.issued_by = "nightly";
      ro.sealing = &ctx->document_sealing();
      QueueCounts c = queue.counts();
      // The fonts and templates load only when there is something to render.
      if (c.pending + c.claimed > 0) ro.engine = &ctx->document_engine();
      return render_documents(env, queue, ro);
    };
  };

  run.steps = {
      {"import", [ctx](StepEnv& env) { return import_inbox(env, *ctx); }},
      {"relief-assess", relief_assess},
      {"plan-documents",
       [replan = options.replan](StepEnv& env) {
         WorkQueue queue(env.sql, env.instance_id, "render-documents");
         PlanOptions po;
         po.kinds = case_document_kinds();
         po.due_by = env.business_date;
         return plan_night(env, queue, po, {"plan-documents", "nightly", "render-documents"},
                           replan);
       }},
      {"render-documents", render_step("render-documents")},
      {"post-grants", ledger_post_grants},
      {"render-vouchers",
       [render_step, replan = options.replan](StepEnv& env) {
         WorkQueue queue(env.sql, env.instance_id, "render-vouchers");
         PlanOptions po;
         po.kinds = {documents::DocumentKind::relief_voucher};
         po.due_by = env.business_date;
         // A voucher comes from a posted grant, and a grant from a relief application: a full
         // plan reads only those cases (a scan of every case costs minutes at a million).
         po.selection.scope = CaseScope::with_relief_application;
         StepOutcome planned =
             plan_night(env, queue, po, {"plan-vouchers", "nightly", "render-vouchers"}, replan);
         StepOutcome o = render_step("render-vouchers")(env);
         o.message = "排队 " + std::to_string(planned.counts.written) + " 份（" + planned.message +
                     "）；" + o.message;
         return o;
       }},
      {"apply-confirmations", ledger_apply_confirmations},
      {"post-payments", ledger_post_payments},
      {"verify-ledger", ledger_verify},
  };
  const std::string runtime_url = run.runtime_url;
  run.summary_extra = [ctx, out_dir, runtime_url](long long run_id, std::ostream& text) {
    summary_lines(*ctx, out_dir, runtime_url, run_id, text);
  };
  run.summary_json_extra = [runtime_url](long long run_id) {
    return summary_members(runtime_url, run_id);
  };
  return run_job(settings, job, run, out);
}

}  // namespace zhixing::jobs
