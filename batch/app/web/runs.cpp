// Runs: the job repository's executions, their steps and failures, and restarting a failed one.
#include <Poco/JSON/Parser.h>

#include <iostream>
#include <sstream>
#include <thread>

#include "app/web/console.h"
#include "app/web/pages.h"
#include "app/web/request_args.h"
#include "app/web/views.h"
#include "core/date.h"
#include "core/masking.h"
#include "documents/kinds/document_kind.h"
#include "jobs/clerk_batch.h"
#include "jobs/job_repository.h"
#include "jobs/nightly.h"
#include "jobs/work_queue.h"
#include "store/database.h"
#include "store/web_store.h"

namespace zhixing::app::web {

namespace {

// The failed batch's options, as its job instance recorded them.
jobs::ClerkBatchOptions batch_options(soci::session& sql, const jobs::ExecutionInfo& e,
                                      const Settings& settings, const std::string& user) {
  std::string params = instance_parameters(sql, e.instance_id);
  Poco::JSON::Parser parser;
  auto obj = parser.parse(params).extract<Poco::JSON::Object::Ptr>();
  jobs::ClerkBatchOptions o;
  auto kind = documents::parse_kind(obj->optValue<std::string>("kind", ""));
  if (!kind) throw HttpError(409, "not_restartable", "该批次的参数无法读取");
  o.kind = *kind;
  if (auto cases = obj->getArray("cases"))
    for (size_t i = 0; i < cases->size(); ++i)
      o.case_numbers.push_back(cases->getElement<std::string>(i));
  o.filter = obj->optValue<std::string>("filter", "");
  o.out_dir = obj->optValue<std::string>("out", settings.path("paths.output", "out").string());
  o.reissue = obj->optValue<std::string>("reissue", "false") == "true";
  o.user = obj->optValue<std::string>("user", user);
  o.request_id = e.job_key.substr(8);
  return o;
}

}  // namespace

Response Console::runs_list(Request& r, const Session& s) {
  require(s, Permission::view_runs);
  std::string job = r.param("job");
  if (!job.empty() && job != "nightly" && job != "batch")
    throw HttpError(400, "bad_job", "作业只能是 nightly 或 batch：" + job.substr(0, 40));
  int limit = parse_int_param(r, "limit", 50, 1, 500, "bad_limit", "条数");
  auto sql = connect(runtime_url());
  jobs::JobRepository repo(*sql);
  auto runs = repo.executions(limit, job);
  if (r.wants_json) {
    std::vector<std::string> items;
    for (const auto& e : runs) items.push_back(execution_json(e));
    return Response::json("{\"runs\":" + jarray(items) + "}");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : runs)
    rows.push_back(
        {"<a href=\"/runs/" + std::to_string(e.id) + "\">#" + std::to_string(e.id) + "</a>",
         e.job_name == "nightly" ? "夜间批处理" : "文书批次", h(e.job_key), status_badge(e.status),
         h(e.started_by), h(e.started_at), h(e.ended_at.empty() ? "—" : e.ended_at),
         e.exit_code ? std::to_string(*e.exit_code) : "—"});
  std::string filter =
      "<form method=\"get\" class=\"filters\"><label>作业<select name=\"job\">"
      "<option value=\"\">全部</option><option value=\"nightly\"" +
      std::string(job == "nightly" ? " selected" : "") +
      ">夜间批处理</option><option value=\"batch\"" + (job == "batch" ? " selected" : "") +
      ">文书批次</option></select></label>"
      "<button type=\"submit\">筛选</button></form>";
  return Response::html(
      page("运行记录", &s, "runs",
           "<h1>运行记录</h1>" + filter +
               table({"执行", "作业", "参数", "状态", "启动人", "开始", "结束", "退出码"}, rows,
                     "尚无运行记录")));
}

Response Console::run_detail(Request& r, const Session& s, long long id) {
  require(s, Permission::view_runs);
  auto sql = connect(runtime_url());
  jobs::JobRepository repo(*sql);
  auto e = repo.execution(id);
  if (!e) throw HttpError(404, "not_found", "没有执行 #" + std::to_string(id));
  auto steps = repo.steps(id);
  auto failures = repo.failures(id, 200);
  long long failure_total = repo.failure_count(id);
  jobs::WorkQueue queue(*sql, e->instance_id, "render-documents");
  jobs::QueueCounts counts = queue.counts();
  auto latest = repo.latest(e->job_name, e->job_key);
  bool restartable =
      (e->status == "failed" || e->status == "stopped" || e->status == "abandoned") && latest &&
      latest->id == e->id;
  bool may_restart = e->job_name == "batch" ? allowed(s.role, Permission::launch_batch)
                                            : allowed(s.role, Permission::restart_nightly);
  if (r.wants_json) {
    std::vector<std::string> st, fl;
    for (const auto& x : steps) st.push_back(step_json(x));
    for (const auto& x : failures) fl.push_back(failure_json(x));
    return Response::json(JsonObject()
                              .add("execution", execution_json(*e))
                              .add("steps", jarray(st))
                              .add("progress", progress_json(counts))
                              .add("failures", jarray(fl))
                              .add("failure_count", jnum(failure_total))
                              .add("restartable", jbool(restartable))
                              .str());
  }
  std::string content =
      "<h1>执行 #" + std::to_string(e->id) + " " + status_badge(e->status) + "</h1>";
  content += "<dl class=\"facts\"><dt>作业</dt><dd>" +
             std::string(e->job_name == "nightly" ? "夜间批处理" : "文书批次") + " <code>" +
             h(e->job_key) + "</code></dd><dt>启动人</dt><dd>" + h(e->started_by) +
             "</dd><dt>主机/进程</dt><dd>" + h(e->host) + " / " + std::to_string(e->pid) +
             "</dd><dt>开始</dt><dd>" + h(e->started_at) + "</dd><dt>结束</dt><dd>" +
             h(e->ended_at.empty() ? "—" : e->ended_at) + "</dd><dt>退出码</dt><dd>" +
             (e->exit_code ? std::to_string(*e->exit_code) : "—") + "</dd>";
  if (e->restart_of)
    content += "<dt>续做自</dt><dd><a href=\"/runs/" + std::to_string(*e->restart_of) + "\">#" +
               std::to_string(*e->restart_of) + "</a></dd>";
  if (!e->message.empty())
    content += "<dt>说明</dt><dd>" + h(mask_personal_numbers(e->message)) + "</dd>";
  content += "</dl>";
  if (e->job_name == "batch" && e->job_key.rfind("request=", 0) == 0)
    content += "<p><a href=\"/batch/" + h(url_encode(e->job_key.substr(8))) +
               "\">查看该批次的文书</a></p>";
  content += "<h2>文书进度</h2>" +
             progress_html(counts, "/api/runs/" + std::to_string(id), e->status == "running");
  if (restartable && may_restart)
    content += "<form method=\"post\" action=\"/runs/" + std::to_string(id) + "/restart\">" +
               csrf_field(s) +
               "<button type=\"submit\" class=\"danger\">续做失败的执行</button></form>";
  content += "<h2>步骤</h2>" + steps_table(steps);
  content += "<h2>失败的项目（共 " + std::to_string(failure_total) + " 项）</h2>" +
             failures_table(failures);
  return Response::html(page("执行 #" + std::to_string(id), &s, "runs", content));
}

Response Console::run_restart(Request& r, const Session& s, long long id) {
  require(s, Permission::view_runs);
  auto sql = connect(runtime_url());
  jobs::JobRepository repo(*sql);
  auto e = repo.execution(id);
  if (!e) throw HttpError(404, "not_found", "没有执行 #" + std::to_string(id));
  require(s, e->job_name == "batch" ? Permission::launch_batch : Permission::restart_nightly);
  if (e->status != "failed" && e->status != "stopped" && e->status != "abandoned")
    throw HttpError(
        409, "not_restartable",
        "只有失败、已停止或已放弃的执行可以续做（当前：" + status_label(e->status) + "）");
  auto latest = repo.latest(e->job_name, e->job_key);
  if (latest && latest->id != e->id)
    throw HttpError(409, "not_restartable",
                    "该作业已有更新的执行 #" + std::to_string(latest->id) + "，请续做最新的执行");
  Settings settings = settings_;
  std::string user = s.user;
  if (e->job_name == "batch") {
    jobs::ClerkBatchOptions o = batch_options(*sql, *e, settings, user);
    start_background([settings, o] {
      std::ostringstream out;
      try {
        jobs::run_clerk_batch(settings, o, out);
      } catch (const std::exception& ex) {
        std::cerr << "批次续做失败：" << mask_personal_numbers(ex.what()) << "\n";
      }
    });
  } else {
    auto date = Date::parse_iso(e->job_key.substr(e->job_key.find('=') + 1));
    if (!date) throw HttpError(409, "not_restartable", "该执行的业务日期无法读取");
    jobs::NightlyOptions o;
    o.business_date = *date;
    o.started_by = user;
    start_background([settings, o] {
      std::ostringstream out;
      try {
        jobs::run_nightly(settings, o, out);
      } catch (const std::exception& ex) {
        std::cerr << "夜间批处理续做失败：" << mask_personal_numbers(ex.what()) << "\n";
      }
    });
  }
  // Wait briefly for the new execution so the answer can name it.
  long long new_id = 0;
  for (int i = 0; i < 100 && !new_id; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto l = repo.latest(e->job_name, e->job_key);
    if (l && l->id != e->id) new_id = l->id;
  }
  if (r.wants_json)
    return Response::json(JsonObject()
                              .add("restarted", jnum(id))
                              .add("execution", new_id ? jnum(new_id) : "null")
                              .add("status", jstr("started"))
                              .str(),
                          202);
  return Response::redirect(new_id ? "/runs/" + std::to_string(new_id) : "/runs");
}

}  // namespace zhixing::app::web
