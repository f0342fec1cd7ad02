// Clerk batches: the form, the launch (a background thread), the batch's progress.
#include <ctime>
#include <iostream>
#include <sstream>

#include "app/web/console.h"
#include "app/web/pages.h"
#include "app/web/password.h"
#include "app/web/request_args.h"
#include "app/web/views.h"
#include "core/labels.h"
#include "core/masking.h"
#include "documents/kinds/document_kind.h"
#include "jobs/clerk_batch.h"
#include "jobs/document_batch.h"
#include "jobs/job_repository.h"
#include "jobs/work_queue.h"
#include "store/database.h"
#include "store/web_store.h"

namespace zhixing::app::web {

Response Console::batch_form(Request& /*r*/, const Session& s) {
  require(s, Permission::launch_batch);
  std::string kinds;
  for (auto k : documents::all_kinds()) {
    std::string name(documents::kind_name(k));
    kinds += "<option value=\"" + h(name) + "\">" + h(document_kind_label(name)) + "</option>";
  }
  std::string categories;
  for (std::string_view code : category_codes())
    categories += "<option value=\"" + h(code) + "\">" + h(category_label(code)) + "</option>";
  std::string statuses;
  for (std::string_view status : {"open", "suspended", "closed"})
    statuses += "<option value=\"" + h(status) + "\">" + h(case_status_label(status)) + "</option>";
  std::vector<std::vector<std::string>> rows;
  {
    auto sql = connect(runtime_url());
    jobs::JobRepository repo(*sql);
    for (const auto& e : repo.executions(10, "batch"))
      rows.push_back({"<a href=\"/batch/" + h(url_encode(e.job_key.substr(8))) + "\">" +
                          h(e.job_key.substr(8)) + "</a>",
                      status_badge(e.status), h(e.started_by), h(e.started_at)});
  }
  std::string content =
      "<h1>文书批次</h1><form method=\"post\" action=\"/batch\" class=\"card batch-form\">" +
      csrf_field(s) + "<div class=\"grid2\"><div><label>文书种类<select name=\"kind\" required>" +
      kinds +
      "</select></label>"
      "<label>案号（每行一个）<textarea name=\"cases\" rows=\"6\" "
      "placeholder=\"（2024）冀0633执1号\"></textarea></label></div>"
      "<div><fieldset><legend>或按条件筛选</legend>"
      "<label>法院代字<input name=\"court\" placeholder=\"冀0633\"></label>"
      "<label>年度<input name=\"year\" inputmode=\"numeric\" placeholder=\"2024\"></label>"
      "<label>类别<select name=\"category\"><option value=\"\">不限</option>" +
      categories +
      "</select></label>"
      "<label>状态<select name=\"status\"><option value=\"\">不限</option>" +
      statuses +
      "</select></label>"
      "</fieldset><label class=\"check\"><input type=\"checkbox\" name=\"reissue\" value=\"1\"> "
      "对已签发的文书签发新版本</label></div></div>"
      "<button type=\"submit\">开始生成</button></form>"
      "<h2>最近的批次</h2>" +
      table({"请求号", "状态", "启动人", "开始"}, rows, "尚无批次");
  return Response::html(page("文书批次", &s, "batch", content));
}

Response Console::batch_launch(Request& r, const Session& s) {
  require(s, Permission::launch_batch);
  auto kind = documents::parse_kind(r.param("kind"));
  if (!kind) throw HttpError(400, "bad_kind", "未知的文书种类：" + r.param("kind").substr(0, 60));
  std::vector<std::string> cases;
  {
    std::string text = r.param("cases");
    std::string cur;
    auto flush = [&] {
      if (!cur.empty()) cases.push_back(cur);
      cur.clear();
    };
    for (char c : text) {
      if (c == '\n' || c == '\r' || c == ',' || c == ' ' || c == '\t')
        flush();
      else
        cur += c;
    }
    flush();
  }
  std::string filter = r.param("filter");
  if (filter.empty()) {
    for (const char* key : {"court", "year", "category", "status"}) {
      std::string v = r.param(key);
      if (v.empty()) continue;
      if (v.find_first_of(",=") != std::string::npos)
        throw HttpError(400, "bad_filter", std::string("筛选条件不能含逗号或等号：") + key);
      filter += (filter.empty() ? "" : ",") + std::string(key) + "=" + v;
    }
  }
  if (cases.empty() && filter.empty())
    throw HttpError(400, "no_selection",
                    "请填写案号，或至少一个筛选条件（法院、年度、类别、状态）");
  if (!cases.empty() && !filter.empty())
    throw HttpError(400, "ambiguous_selection", "案号与筛选条件只能选一种");
  if (cases.size() > 10000) throw HttpError(400, "too_many_cases", "一次最多 10000 个案号");
  if (!filter.empty()) {
    try {
      jobs::parse_case_filter(filter);
    } catch (const std::invalid_argument& e) {
      throw HttpError(400, "bad_filter", e.what());
    }
  }
  jobs::ClerkBatchOptions o;
  o.kind = *kind;
  o.case_numbers = cases;
  o.filter = filter;
  o.out_dir = settings_.path("paths.output", "out");
  o.reissue = truthy(r.param("reissue"));
  o.user = s.user;
  {
    char stamp[32];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    o.request_id = std::string("web-") + stamp + "-" + random_hex(4);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    launches_[o.request_id] = "starting";
  }
  Settings settings = settings_;
  start_background([this, settings, o] {
    std::ostringstream out;
    std::string state = "done";
    try {
      jobs::run_clerk_batch(settings, o, out);
    } catch (const std::exception& ex) {
      state = "error: " + std::string(mask_personal_numbers(ex.what()));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    launches_[o.request_id] = state;
  });
  if (r.wants_json)
    return Response::json(
        JsonObject()
            .add("request", jstr(o.request_id))
            .add("status_url", jstr("/api/batches/" + o.request_id))
            .add("selection",
                 cases.empty() ? jstr(filter) : jnum(static_cast<long long>(cases.size())))
            .str(),
        202);
  return Response::redirect("/batch/" + o.request_id);
}

Response Console::batch_status(Request& r, const Session& s, const std::string& request_id) {
  require(s, Permission::view_runs);
  auto sql = connect(runtime_url());
  jobs::JobRepository repo(*sql);
  auto e = repo.latest("batch", "request=" + request_id);
  std::string state, error_message;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = launches_.find(request_id);
    if (it != launches_.end()) {
      if (it->second == "starting" && !e) state = "starting";
      if (it->second.rfind("error: ", 0) == 0) {
        state = "error";
        error_message = it->second.substr(7);
      }
    }
  }
  if (!e && state.empty()) throw HttpError(404, "not_found", "没有该批次：" + request_id);
  std::vector<jobs::StepInfo> steps;
  std::vector<jobs::ItemFailure> failures;
  std::vector<IssuedDocument> docs;
  jobs::QueueCounts counts;
  if (e) {
    if (state.empty()) state = e->status;
    steps = repo.steps(e->id);
    failures = repo.failures(e->id, 200);
    counts = jobs::WorkQueue(*sql, e->instance_id, "render-documents").counts();
    docs = documents_of_instance(*sql, e->instance_id);
  }
  bool running = state == "running" || state == "starting";
  if (r.wants_json) {
    std::vector<std::string> st, fl, dc;
    for (const auto& x : steps) st.push_back(step_json(x));
    for (const auto& x : failures) fl.push_back(failure_json(x));
    for (const auto& x : docs) dc.push_back(document_json(x));
    return Response::json(JsonObject()
                              .add("request", jstr(request_id))
                              .add("state", jstr(state))
                              .add("state_label", jstr(status_label(state)))
                              .add("finished", jbool(!running))
                              .add("error", jstr(error_message))
                              .add("execution", e ? execution_json(*e) : "null")
                              .add("steps", jarray(st))
                              .add("progress", progress_json(counts))
                              .add("failures", jarray(fl))
                              .add("documents", jarray(dc))
                              .add("zip_url", jstr("/api/batches/" + request_id + "/zip"))
                              .str());
  }
  std::string content = "<h1>文书批次 <code>" + h(request_id) + "</code> <span class=\"state\">" +
                        status_badge(state) + "</span></h1>";
  if (!error_message.empty()) content += "<p class=\"error-message\">" + h(error_message) + "</p>";
  if (e)
    content += "<p class=\"muted\">执行 <a href=\"/runs/" + std::to_string(e->id) + "\">#" +
               std::to_string(e->id) + "</a>，启动人 " + h(e->started_by) + "，开始 " +
               h(e->started_at) + "</p>";
  content += progress_html(counts, "/api/batches/" + url_encode(request_id), running);
  if (!docs.empty())
    content += "<p><a class=\"button\" id=\"zip\" href=\"/batch/" + h(url_encode(request_id)) +
               "/zip\">下载全部（ZIP，" + std::to_string(docs.size()) + " 份）</a></p>";
  content += "<h2>文书（" + std::to_string(docs.size()) + " 份）</h2><div id=\"documents\">" +
             documents_table(docs, true) + "</div>";
  content += "<h2>失败的项目</h2>" + failures_table(failures);
  content += "<h2>步骤</h2>" + steps_table(steps);
  return Response::html(page("文书批次", &s, "batch", content));
}

}  // namespace zhixing::app::web
