#include "jobs/plan_scope.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <stdexcept>

namespace zhixing::jobs {

using documents::DocumentKind;

namespace {

// What the planned kinds' events come from (documents/kinds/events.h).
struct Sources {
  bool imports = false;    // the case record (measures, closure, settlement)
  bool decisions = false;  // relief_decisions rows
  bool grants = false;     // posted grants not reversed
  EventDates dates;
};

Sources sources_of(const std::vector<DocumentKind>& kinds) {
  Sources s;
  for (const DocumentKind k : kinds) {
    switch (k) {
      case DocumentKind::notice:
      case DocumentKind::property_report_order:
      case DocumentKind::ruling_freeze:
      case DocumentKind::ruling_seal:
      case DocumentKind::assist_notice:
      case DocumentKind::consumption_ban:
        s.imports = s.dates.measures = true;
        break;
      case DocumentKind::ruling_zhongben:
        s.imports = s.dates.zhongben_closures = true;
        break;
      case DocumentKind::settlement:
        s.imports = s.dates.settlements = true;
        break;
      case DocumentKind::relief_decision:
        s.decisions = s.dates.relief_decisions = true;
        s.dates.granted_only = false;
        break;
      case DocumentKind::relief_voucher:
        s.decisions = s.grants = true;
        // A voucher is dated by its panel decision; only a granted one has a voucher.
        if (!s.dates.relief_decisions) s.dates.granted_only = true;
        s.dates.relief_decisions = true;
        break;
    }
  }
  return s;
}

void add_ids(std::vector<long long>& into, const std::vector<long long>& ids, long long& count) {
  count = static_cast<long long>(ids.size());
  std::vector<long long> merged;
  merged.reserve(into.size() + ids.size());
  std::set_union(into.begin(), into.end(), ids.begin(), ids.end(), std::back_inserter(merged));
  into = std::move(merged);
}

}  // namespace

PlanScope plan_scope(soci::session& sql, const PlanStream& stream,
                     const std::vector<DocumentKind>& kinds, Date due_by, bool replan) {
  PlanScope scope;
  if (!replan) scope.base = last_watermark(sql, stream.name);
  scope.marks = read_change_marks(sql);  // before any case is read
  if (!scope.base) {
    scope.description = replan ? "全量规划（--replan），读取全部案件"
                               : "全量规划（没有已完成的规划可依），读取全部案件";
    return scope;
  }
  const auto started = std::chrono::steady_clock::now();
  const Sources s = sources_of(kinds);
  const ChangeMarks& since = scope.base->marks;
  std::vector<long long> ids;
  long long imported = 0, decided = 0, granted = 0, dated = 0, unfinished = 0;
  if (s.imports) add_ids(ids, cases_imported_since(sql, since), imported);
  if (s.decisions) add_ids(ids, cases_decided_since(sql, since), decided);
  if (s.grants) add_ids(ids, cases_granted_since(sql, since), granted);
  add_ids(ids, cases_with_events_between(sql, scope.base->business_date, due_by, s.dates), dated);
  add_ids(ids, cases_with_unfinished_items(sql, stream.job, stream.queue_step), unfinished);
  scope.description = "增量规划：自业务日期 " + scope.base->business_date.iso() + " 的规划（#" +
                      std::to_string(scope.base->id) + "）以来可能变化的案件 " +
                      std::to_string(ids.size()) + " 件（导入 " + std::to_string(imported) +
                      "，救助决定 " + std::to_string(decided) + "，救助金入账 " +
                      std::to_string(granted) + "，新到期事件 " + std::to_string(dated) +
                      "，未完成的项目 " + std::to_string(unfinished) + "；选取用时 " +
                      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - started)
                                         .count()) +
                      " 毫秒）";
  scope.case_ids = std::move(ids);
  return scope;
}

StepOutcome plan_night(StepEnv& env, WorkQueue& queue, PlanOptions options,
                       const PlanStream& stream, bool replan) {
  if (!options.due_by) throw std::logic_error("plan_night: PlanOptions::due_by unset");
  PlanScope scope = plan_scope(env.sql, stream, options.kinds, *options.due_by, replan);
  if (scope.case_ids) options.case_ids = std::move(*scope.case_ids);
  StepOutcome out = plan_documents(env, queue, options);
  // Everything planned is committed: the marks become the stream's watermark.
  Watermark w;
  w.stream = stream.name;
  w.business_date = *options.due_by;
  w.marks = scope.marks;
  w.execution_id = env.execution_id;
  w.full_plan = !scope.base;
  record_watermark(env.sql, w);
  out.message = scope.description + "；" + out.message;
  return out;
}

}  // namespace zhixing::jobs
