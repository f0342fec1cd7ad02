#include "jobs/render_queue.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "documents/kinds/events.h"
#include "documents/kinds/ruling_numbers.h"
#include "jobs/document_delivery.h"
#include "jobs/document_issue.h"
#include "jobs/progress.h"
#include "jobs/run_log.h"
#include "jobs/stop_signal.h"
#include "store/case_loader.h"
#include "store/document_store.h"
#include "store/relief_grant_store.h"
#include "store/ruling_number_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;
using documents::DocumentError;
using documents::DocumentErrorCode;
using documents::DocumentEvent;

namespace {

std::atomic<long long> g_items_finished{0};

void after_item(const JobSettings& job) {
  long long n = ++g_items_finished;
  if (job.abort_after_items > 0 && n >= job.abort_after_items) {
    // Fault injection: die like a killed process, between two items (tests only).
    _exit(kInjectedAbortExit);
  }
}

bool is_livelihood(const CaseRecord& record) {
  for (const auto& c : record.categories)
    if (is_livelihood_category(c)) return true;
  return false;
}

using ReliefByCase = std::map<long long, documents::ReliefRecords>;

const documents::ReliefRecords& relief_of(const ReliefByCase& relief, long long case_id) {
  static const documents::ReliefRecords kNone;
  auto it = relief.find(case_id);
  return it == relief.end() ? kNone : it->second;
}

// ---- planning ----

struct PlanState {
  StepOutcome out;
  long long already = 0;  // events issued already, not queued again
};

// Queues the chunk's due events of the planned kinds and numbers their rulings.
void plan_chunk(StepEnv& env, WorkQueue& queue, const PlanOptions& options,
                const std::vector<LoadedCase>& cases, PlanState& state) {
  const std::set<documents::DocumentKind> kinds(options.kinds.begin(), options.kinds.end());
  std::vector<long long> ids;
  for (const auto& c : cases) ids.push_back(c.id);
  const auto relief = relief_records(env.sql, ids);
  std::set<std::tuple<long long, std::string, std::string, int>> issued;
  if (options.only_missing)
    for (const auto& e : issued_events(env.sql, ids))
      issued.insert({e.case_id, e.kind, e.event_date, e.event_position});
  std::vector<PlannedItem> items;
  std::vector<RulingPlan> rulings;  // numbered now, before the items are queued
  for (const auto& lc : cases) {
    ++state.out.counts.read;
    RulingPlan ruling_plan{lc.id, &lc.record, {}};
    int priority = is_livelihood(lc.record) ? 0 : 1;
    bool any = false;
    for (const auto& ev : documents::due_events(lc.record, relief_of(relief, lc.id))) {
      if (!kinds.count(ev.kind)) continue;
      any = true;
      if (options.due_by && ev.date > *options.due_by) continue;
      std::string kind(documents::kind_name(ev.kind));
      if (issued.count({lc.id, kind, ev.date.iso(), ev.position})) {
        ++state.already;
        continue;
      }
      items.push_back({lc.id, lc.record.case_number.text(), kind, ev.date, ev.position, priority});
      if (const auto ruling = documents::ruling_of(ev, lc.record))
        ruling_plan.planned.push_back(*ruling);
    }
    if (!ruling_plan.planned.empty()) rulings.push_back(std::move(ruling_plan));
    if (!any && options.report_not_applicable) {
      ItemFailure f;
      f.step_name = env.step_name;
      f.case_id = lc.id;
      f.case_number = lc.record.case_number.text();
      f.document_kind =
          options.kinds.size() == 1 ? std::string(documents::kind_name(options.kinds[0])) : "";
      f.error_code = "not_applicable";
      f.message = "案件没有该种文书的事件";
      env.repo.record_failure(env.execution_id, f);
      ++state.out.counts.skipped;
    }
  }
  number_rulings(env.sql, std::move(rulings));
  state.out.counts.written += queue.plan(items);
}

// ---- rendering ----

struct RenderJob {
  ClaimedItem item;
  const LoadedCase* loaded = nullptr;
  std::optional<DocumentEvent> event;
  std::optional<documents::RenderedDocument> rendered;
  std::string signer;  // the sealing certificate's fingerprint ("" unsealed)
  std::optional<DocumentError> error;
  std::optional<seal::SealError> seal_error;  // seal_not_valid, signing_failed, …
};

// What one claimed batch renders from: its cases, their relief records and ruling numbers.
struct BatchInputs {
  std::vector<LoadedCase> cases;
  ReliefByCase relief;
  std::map<long long, documents::RulingNumbers> rulings;
};

// Loads the claimed items' cases and finds each item's event.
std::vector<RenderJob> prepare_jobs(StepEnv& env, const std::vector<ClaimedItem>& claimed,
                                    BatchInputs& in) {
  std::vector<long long> ids;
  for (const auto& it : claimed) ids.push_back(it.case_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  in.cases = load_cases(env.sql, ids);
  std::map<long long, const LoadedCase*> by_id;
  for (const auto& c : in.cases) by_id[c.id] = &c;
  in.relief = relief_records(env.sql, ids);
  std::vector<RenderJob> jobs;
  for (const auto& it : claimed) {
    RenderJob j;
    j.item = it;
    auto found = by_id.find(it.case_id);
    if (found == by_id.end()) {
      j.error = DocumentError(DocumentErrorCode::not_applicable, "案件不存在：" + it.case_number);
    } else {
      j.loaded = found->second;
      auto kind = documents::parse_kind(it.kind);
      try {
        if (!kind)
          throw DocumentError(DocumentErrorCode::not_applicable, "未知的文书种类 " + it.kind);
        j.event = documents::find_event(*kind, j.loaded->record, it.event_date, it.event_position,
                                        relief_of(in.relief, it.case_id));
      } catch (const DocumentError& e) {
        j.error = e;
      }
    }
    jobs.push_back(std::move(j));
  }
  // The rulings' numbers: assigned when planned; an item planned before numbering existed (a
  // queue from an older version, restarted) is numbered now, the same way.
  in.rulings = load_ruling_numbers(env.sql, ids);
  std::vector<RulingPlan> missing;
  for (const auto& j : jobs) {
    if (j.error || !j.event) continue;
    const auto key = documents::ruling_of(*j.event, j.loaded->record);
    if (!key) continue;
    const auto it = in.rulings.find(j.item.case_id);
    if (it == in.rulings.end() || !it->second.contains(*key))
      missing.push_back({j.item.case_id, &j.loaded->record, {*key}});
  }
  if (!missing.empty())
    for (auto& [id, numbers] : number_rulings(env.sql, std::move(missing)))
      in.rulings[id] = std::move(numbers);
  return jobs;
}

// Renders the jobs on `threads` threads.
void render_jobs(std::vector<RenderJob>& jobs, const BatchInputs& in, const RenderOptions& options,
                 const JobSettings& job, unsigned threads) {
  static const documents::RulingNumbers kNoRulings;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      RenderJob& j = jobs[i];
      if (j.error) continue;
      try {
        const Court* court = options.courts->find(j.loaded->record.case_number.court_code);
        if (!court) throw DocumentError(DocumentErrorCode::render_failed, "未知法院");
        if (!options.engine)
          throw DocumentError(DocumentErrorCode::render_failed, "文书引擎未加载");
        const auto nit = in.rulings.find(j.item.case_id);
        documents::RenderInput input{j.loaded->record, *court, *j.event,
                                     &relief_of(in.relief, j.item.case_id),
                                     nit == in.rulings.end() ? &kNoRulings : &nit->second};
        auto rendered = options.sealing->render(*options.engine, input, court->name);
        j.rendered = std::move(rendered.document);
        j.signer = std::move(rendered.signer);
        if (job.item_delay_ms > 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(job.item_delay_ms));
      } catch (const DocumentError& e) {
        j.error = e;
      } catch (const seal::SealError& e) {
        j.seal_error = e;
        j.rendered.reset();
      } catch (const std::exception& e) {
        j.error = DocumentError(DocumentErrorCode::render_failed, e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < jobs.size(); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// Records a failing item (unless another process took it over) and logs it.
void record_item_failure(StepEnv& env, WorkQueue& queue, const RenderJob& j,
                         const std::string& code, const std::string& message) {
  soci::transaction tx(env.sql);
  if (!queue.fail(j.item, env.worker_id, env.execution_id, code)) return;  // taken over
  ItemFailure f;
  f.step_name = env.step_name;
  f.case_id = j.item.case_id;
  f.case_number = j.item.case_number;
  f.document_kind = j.item.kind;
  f.event_date = j.item.event_date.iso();
  f.event_position = j.item.event_position;
  f.error_code = code;
  f.message = message;
  env.repo.record_failure(env.execution_id, f);
  tx.commit();
  log_line(env.execution_id, j.item.case_number + " " + j.item.kind + " " + f.event_date + ": " +
                                 code + ": " + message);
}

// Stores in queue order, one short transaction per item: the document row and the item done.
void store_jobs(StepEnv& env, WorkQueue& queue, std::vector<RenderJob>& jobs,
                const RenderOptions& options) {
  for (auto& j : jobs) {
    if (j.error) {
      record_item_failure(env, queue, j, std::string(documents::error_code_name(j.error->code())),
                          j.error->message());
    } else if (j.seal_error) {
      record_item_failure(env, queue, j, std::string(j.seal_error->name()), j.seal_error->what());
    } else {
      try {
        soci::transaction tx(env.sql);
        DocumentOutcome o =
            issue_document(env.sql, *j.loaded, *j.event, *j.rendered, options.out_dir,
                           options.reissue, options.issued_by, j.signer,
                           {options.deliver_to_database, env.instance_id, env.worker_id});
        std::string outcome = o.status == DocumentStatus::written  ? "written"
                              : o.status == DocumentStatus::reused ? "reused"
                                                                   : "kept";
        if (queue.complete(j.item, env.worker_id, env.execution_id, outcome,
                           o.document_id ? std::optional<long long>(o.document_id) : std::nullopt))
          tx.commit();
        else
          tx.rollback();  // another process took the item over; its effect stands
      } catch (const soci::soci_error& e) {
        record_item_failure(env, queue, j, "db_error", e.what());
      } catch (const std::exception& e) {
        record_item_failure(env, queue, j, "render_failed", e.what());
      }
    }
    after_item(env.job);
  }
}

// The step's counts and message from what this execution finished.
void summarise(StepOutcome& out, const QueueCounts& mine, bool exceeded, const JobSettings& job) {
  out.counts.read = mine.done + mine.failed;
  out.counts.written = mine.written;
  // Refused items (precondition_failed) are skipped without counting toward the limit.
  const long long counted = mine.failed - mine.refused;
  if (exceeded || counted > job.skip_limit) {
    out.status = StepStatus::failed;
    out.counts.skipped = job.skip_limit + mine.refused;
    out.counts.failed = counted - job.skip_limit;
    out.message = "失败的文书 " + std::to_string(mine.failed) +
                  " 份，超过跳过上限 jobs.skip_limit = " + std::to_string(job.skip_limit);
    return;
  }
  out.counts.skipped = mine.failed;
  out.message = "已存在而沿用的文书 " + std::to_string(mine.done - mine.written) + " 份";
  if (mine.refused > 0)
    out.message += "；不符合签发条件而跳过（precondition_failed，不计入跳过上限）的文书 " +
                   std::to_string(mine.refused) + " 份";
  if (out.status == StepStatus::stopped)
    out.message = "收到停止信号，已在手头的文书完成后停止；" + out.message;
}

// The launcher's check before rendering: a queue holding a sealed kind is not rendered at all
// when this process cannot seal or the certificate is not valid on the business date. Returns
// false (out: the failed step) when refused.
bool refuse_unsealable_run(StepEnv& env, WorkQueue& queue, const DocumentSealing& sealing,
                           StepOutcome& out) {
  std::vector<documents::DocumentKind> kinds;
  for (const auto& name : queue.open_kinds())
    if (const auto k = documents::parse_kind(name)) kinds.push_back(*k);
  try {
    sealing.check_run(env.business_date, kinds);
    return true;
  } catch (const seal::SealError& e) {
    out.status = StepStatus::failed;
    out.message = seal_error_text(e);
    log_line(env.execution_id, "拒绝开始生成文书：" + out.message);
    return false;
  }
}

}  // namespace

long long items_finished_in_process() { return g_items_finished.load(); }

StepOutcome plan_documents(StepEnv& env, WorkQueue& queue, const PlanOptions& options) {
  PlanState state;
  auto visit = [&](std::vector<LoadedCase>& cases) {
    plan_chunk(env, queue, options, cases, state);
  };
  if (options.case_ids) {
    const std::vector<long long>& ids = *options.case_ids;
    for (size_t start = 0; start < ids.size(); start += 2000) {
      std::vector<long long> part(
          ids.begin() + static_cast<long>(start),
          ids.begin() + static_cast<long>(std::min(ids.size(), start + 2000)));
      auto cases = load_cases(env.sql, part);
      visit(cases);
    }
  } else {
    for_each_case(env.sql, options.selection, 2000, visit);
  }
  state.out.message = "已签发而不再排队的事件 " + std::to_string(state.already) + " 个";
  return state.out;
}

namespace {

// Before each claim: a stop signal, a worker's execution no longer running, or failures past
// the skip limit (`exceeded`) end the claiming.
bool keep_claiming(StepEnv& env, WorkQueue& queue, const RenderOptions& options, StepOutcome& out,
                   bool& exceeded) {
  if (stop_requested()) {
    out.status = StepStatus::stopped;
    return false;
  }
  if (!options.launcher) {
    auto e = env.repo.execution(env.execution_id);
    if (!e || e->status != "running") return false;
  }
  if (const QueueCounts c = queue.counts_for_execution(env.execution_id);
      c.failed - c.refused > env.job.skip_limit) {
    exceeded = true;
    return false;
  }
  return true;
}

// A launcher writes the documents remote workers delivered into its output folder (up to
// max_documents; 0: all of them).
void write_out_delivered(StepEnv& env, const RenderOptions& options, long long max_documents) {
  if (options.launcher)
    write_out_deliveries(env.sql, env.instance_id, options.out_dir, max_documents);
}

}  // namespace

StepOutcome render_documents(StepEnv& env, WorkQueue& queue, const RenderOptions& options) {
  StepOutcome out;
  if (!options.sealing) throw std::logic_error("render_documents: RenderOptions::sealing unset");
  if (options.launcher && !refuse_unsealable_run(env, queue, *options.sealing, out)) return out;
  const std::optional<std::vector<std::string>> claimable = options.sealing->claimable_kinds();
  const JobSettings& job = env.job;
  const unsigned threads =
      job.threads ? job.threads : std::max(1u, std::thread::hardware_concurrency());
  // 16 items per thread per claim: the cases load once per batch (measured: ~10 % faster than 4);
  // small enough that a stop comes soon and workers share the queue.
  const int batch = static_cast<int>(threads) * 16;
  QueueCounts start = queue.counts();
  long long total = start.pending + start.claimed;
  std::optional<Progress> progress;
  if (options.show_progress && total > 0)
    progress.emplace(env.execution_id, env.step_name, total, job.log_interval_seconds);
  auto last_count = std::chrono::steady_clock::now();
  bool exceeded = false;

  // Pipelined: while the render threads render one batch, this thread stores the one before (in
  // queue order) and claims and loads the next; only this thread speaks to the database.
  struct Batch {
    BatchInputs inputs;
    std::vector<RenderJob> jobs;  // point into inputs: a Batch never moves
  };
  std::unique_ptr<Batch> rendering;
  std::future<void> rendered;
  // The launcher writes out what workers delivered through the database: a batch's worth as it
  // goes, all of it at the start (left by a killed run) and at the end.
  auto write_out = [&](long long n) { write_out_delivered(env, options, n); };
  write_out(0);
  auto store = [&](std::unique_ptr<Batch> done) {
    store_jobs(env, queue, done->jobs, options);
    write_out(batch);
    if (progress && std::chrono::steady_clock::now() - last_count > std::chrono::seconds(1)) {
      last_count = std::chrono::steady_clock::now();
      QueueCounts c = queue.counts();
      progress->update(total - std::min(total, c.pending + c.claimed), total);
    }
  };
  auto finish_rendering = [&] {
    if (!rendering) return;
    rendered.get();
    store(std::move(rendering));
  };
  try {
    for (;;) {
      if (!keep_claiming(env, queue, options, out, exceeded)) break;
      std::vector<ClaimedItem> claimed =
          queue.claim(env.worker_id, batch, job.stale_after_seconds, claimable);
      if (claimed.empty()) {
        if (rendering) {  // the last batch: store it, then look again
          finish_rendering();
          continue;
        }
        if (!options.launcher) break;
        QueueCounts c = queue.counts();
        if (c.pending + c.claimed == 0) break;
        // Other processes hold the rest: wait for them (or for their claims to go stale).
        write_out(batch);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        continue;
      }
      // Load the next batch's cases and find each item's event while the current one renders;
      // then start rendering the next on every core and store the current one meanwhile.
      auto next = std::make_unique<Batch>();
      next->jobs = prepare_jobs(env, claimed, next->inputs);
      std::unique_ptr<Batch> done;
      if (rendering) {
        rendered.get();
        done = std::move(rendering);
      }
      if (stop_requested()) {  // the next batch is not started: it goes back to the queue
        queue.release(claimed, env.worker_id);
        if (done) store(std::move(done));
        out.status = StepStatus::stopped;
        break;
      }
      rendering = std::move(next);
      rendered = std::async(std::launch::async, [&options, &job, threads, b = rendering.get()] {
        render_jobs(b->jobs, b->inputs, options, job, threads);
      });
      if (done) store(std::move(done));
    }
    finish_rendering();  // what was claimed is finished, even after a stop signal
    write_out(0);        // the queue is drained: every delivery of it has committed
  } catch (...) {
    if (rendered.valid()) rendered.wait();
    throw;
  }
  if (progress) {
    QueueCounts c = queue.counts();
    progress->update(total - std::min(total, c.pending + c.claimed), total);
    progress->finish();
  }
  summarise(out, queue.counts_for_execution(env.execution_id), exceeded, job);
  return out;
}

}  // namespace zhixing::jobs
