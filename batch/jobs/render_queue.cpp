#include "jobs/render_queue.h"

#include "store/pg_array.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "documents/kinds/events.h"
#include "documents/kinds/ruling_numbers.h"
#include "jobs/document_batch.h"
#include "jobs/pipeline_hooks.h"
#include "jobs/progress.h"
#include "jobs/run_log.h"
#include "jobs/stop_signal.h"
#include "store/case_loader.h"
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

struct Job {
  ClaimedItem item;
  const LoadedCase* loaded = nullptr;
  std::optional<DocumentEvent> event;
  std::optional<documents::RenderedDocument> rendered;
  std::optional<DocumentError> error;
};

}  // namespace

long long items_finished_in_process() { return g_items_finished.load(); }

StepOutcome plan_documents(StepEnv& env, WorkQueue& queue, const PlanOptions& options) {
  StepOutcome out;
  long long already = 0;
  std::set<documents::DocumentKind> kinds(options.kinds.begin(), options.kinds.end());
  auto visit = [&](std::vector<LoadedCase>& cases) {
    std::vector<long long> ids;
    for (const auto& c : cases) ids.push_back(c.id);
    auto relief = relief_records(env.sql, ids);
    std::set<std::tuple<long long, std::string, std::string, int>> issued;
    if (options.only_missing) {
      std::string list = pg_bigint_array(ids);
      soci::rowset<soci::row> rows =
          (env.sql.prepare
               << "select case_id, kind, to_char(event_date, 'YYYY-MM-DD'), event_position"
                  " from documents where case_id = any(cast(:ids as bigint[]))",
           soci::use(list));
      for (const auto& r : rows)
        issued.insert(
            {r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<int>(3)});
    }
    std::vector<PlannedItem> items;
    std::vector<RulingPlan> rulings;  // numbered now, before the items are queued
    for (const auto& lc : cases) {
      ++out.counts.read;
      RulingPlan ruling_plan{lc.id, &lc.record, {}};
      static const documents::ReliefRecords kNone;
      auto rit = relief.find(lc.id);
      const documents::ReliefRecords& rr = rit == relief.end() ? kNone : rit->second;
      int priority = is_livelihood(lc.record) ? 0 : 1;
      bool any = false;
      for (const auto& ev : documents::due_events(lc.record, rr)) {
        if (!kinds.count(ev.kind)) continue;
        any = true;
        if (options.due_by && ev.date > *options.due_by) continue;
        std::string kind(documents::kind_name(ev.kind));
        if (issued.count({lc.id, kind, ev.date.iso(), ev.position})) {
          ++already;
          continue;
        }
        items.push_back(
            {lc.id, lc.record.case_number.text(), kind, ev.date, ev.position, priority});
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
        ++out.counts.skipped;
      }
    }
    number_rulings(env.sql, std::move(rulings));
    out.counts.written += queue.plan(items);
  };
  if (!options.case_ids.empty()) {
    for (size_t start = 0; start < options.case_ids.size(); start += 2000) {
      std::vector<long long> part(
          options.case_ids.begin() + static_cast<long>(start),
          options.case_ids.begin() +
              static_cast<long>(std::min(options.case_ids.size(), start + 2000)));
      auto cases = load_cases(env.sql, part);
      visit(cases);
    }
  } else {
    for_each_case(env.sql, options.where, 2000, visit);
  }
  out.message = "已签发而不再排队的事件 " + std::to_string(already) + " 个";
  return out;
}

StepOutcome render_documents(StepEnv& env, WorkQueue& queue, const RenderOptions& options) {
  StepOutcome out;
  const JobSettings& job = env.job;
  const unsigned threads =
      job.threads ? job.threads : std::max(1u, std::thread::hardware_concurrency());
  // 16 items per thread per claim: the cases load once per batch (measured: ~10 % faster than 4).
  const int batch = static_cast<int>(threads) * 16;
  QueueCounts start = queue.counts();
  long long total = start.pending + start.claimed;
  std::optional<Progress> progress;
  if (options.show_progress && total > 0)
    progress.emplace(env.execution_id, env.step_name, total, job.log_interval_seconds);
  auto last_count = std::chrono::steady_clock::now();
  bool exceeded = false;

  for (;;) {
    if (stop_requested()) {
      out.status = StepStatus::stopped;
      break;
    }
    if (!options.launcher) {
      auto e = env.repo.execution(env.execution_id);
      if (!e || e->status != "running") break;
    }
    if (const QueueCounts c = queue.counts_for_execution(env.execution_id);
        c.failed - c.refused > job.skip_limit) {
      exceeded = true;
      break;
    }
    std::vector<ClaimedItem> claimed = queue.claim(env.worker_id, batch, job.stale_after_seconds);
    if (claimed.empty()) {
      if (!options.launcher) break;
      QueueCounts c = queue.counts();
      if (c.pending + c.claimed == 0) break;
      // Other processes hold the rest: wait for them (or for their claims to go stale).
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    // Load the cases, find each item's event, render on every core.
    std::vector<long long> ids;
    for (const auto& it : claimed) ids.push_back(it.case_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<LoadedCase> cases = load_cases(env.sql, ids);
    std::map<long long, const LoadedCase*> by_id;
    for (const auto& c : cases) by_id[c.id] = &c;
    auto relief = relief_records(env.sql, ids);
    static const documents::ReliefRecords kNone;
    std::vector<Job> jobs;
    for (auto& it : claimed) {
      Job j;
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
          auto rit = relief.find(it.case_id);
          j.event = documents::find_event(*kind, j.loaded->record, it.event_date, it.event_position,
                                          rit == relief.end() ? kNone : rit->second);
        } catch (const DocumentError& e) {
          j.error = e;
        }
      }
      jobs.push_back(std::move(j));
    }
    // The rulings' numbers: assigned when planned; an item planned before numbering existed (a
    // queue from an older version, restarted) is numbered now, the same way.
    auto rulings = load_ruling_numbers(env.sql, ids);
    {
      std::vector<RulingPlan> missing;
      for (const auto& j : jobs) {
        if (j.error || !j.event) continue;
        const auto key = documents::ruling_of(*j.event, j.loaded->record);
        if (!key) continue;
        const auto it = rulings.find(j.item.case_id);
        if (it == rulings.end() || !it->second.contains(*key))
          missing.push_back({j.item.case_id, &j.loaded->record, {*key}});
      }
      if (!missing.empty())
        for (auto& [id, numbers] : number_rulings(env.sql, std::move(missing)))
          rulings[id] = std::move(numbers);
    }
    static const documents::RulingNumbers kNoRulings;
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
        Job& j = jobs[i];
        if (j.error) continue;
        try {
          const Court* court = options.courts->find(j.loaded->record.case_number.court_code);
          if (!court) throw DocumentError(DocumentErrorCode::render_failed, "未知法院");
          if (!options.engine)
            throw DocumentError(DocumentErrorCode::render_failed, "文书引擎未加载");
          auto rit = relief.find(j.item.case_id);
          const auto nit = rulings.find(j.item.case_id);
          documents::RenderInput input{j.loaded->record, *court, *j.event,
                                       rit == relief.end() ? &kNone : &rit->second,
                                       nit == rulings.end() ? &kNoRulings : &nit->second};
          j.rendered = options.engine->render(input);
          if (job.item_delay_ms > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(job.item_delay_ms));
        } catch (const DocumentError& e) {
          j.error = e;
        } catch (const std::exception& e) {
          j.error = DocumentError(DocumentErrorCode::render_failed, e.what());
        }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < jobs.size(); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();

    // Store in queue order, one short transaction per item.
    for (auto& j : jobs) {
      auto record_failure = [&](const std::string& code, const std::string& message) {
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
        log_line(env.execution_id, j.item.case_number + " " + j.item.kind + " " + f.event_date +
                                       ": " + code + ": " + message);
      };
      if (j.error) {
        record_failure(std::string(documents::error_code_name(j.error->code())),
                       j.error->message());
      } else {
        try {
          soci::transaction tx(env.sql);
          DocumentOutcome o = issue_document(env.sql, *j.loaded, *j.event, *j.rendered,
                                             options.out_dir, options.reissue, options.issued_by);
          std::string outcome = o.status == DocumentStatus::written  ? "written"
                                : o.status == DocumentStatus::reused ? "reused"
                                                                     : "kept";
          if (queue.complete(
                  j.item, env.worker_id, env.execution_id, outcome,
                  o.document_id ? std::optional<long long>(o.document_id) : std::nullopt))
            tx.commit();
          else
            tx.rollback();  // another process took the item over; its effect stands
        } catch (const soci::soci_error& e) {
          record_failure("db_error", e.what());
        } catch (const std::exception& e) {
          record_failure("render_failed", e.what());
        }
      }
      after_item(job);
    }
    if (progress && std::chrono::steady_clock::now() - last_count > std::chrono::seconds(1)) {
      last_count = std::chrono::steady_clock::now();
      QueueCounts c = queue.counts();
      progress->update(total - std::min(total, c.pending + c.claimed), total);
    }
  }
  if (progress) {
    QueueCounts c = queue.counts();
    progress->update(total - std::min(total, c.pending + c.claimed), total);
    progress->finish();
  }
  QueueCounts mine = queue.counts_for_execution(env.execution_id);
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
  } else {
    out.counts.skipped = mine.failed;
    out.message = "已存在而沿用的文书 " + std::to_string(mine.done - mine.written) + " 份";
    if (mine.refused > 0)
      out.message += "；不符合签发条件而跳过（precondition_failed，不计入跳过上限）的文书 " +
                     std::to_string(mine.refused) + " 份";
    if (out.status == StepStatus::stopped)
      out.message = "收到停止信号，已在手头的文书完成后停止；" + out.message;
  }
  return out;
}

}  // namespace zhixing::jobs
