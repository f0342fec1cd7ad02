#include "app/web/views.h"

#include <cstdio>

#include "app/web/http.h"
#include "app/web/pages.h"
#include "core/labels.h"
#include "core/masking.h"
#include "documents/kinds/document_kind.h"

namespace zhixing::app::web {

std::string execution_json(const jobs::ExecutionInfo& e) {
  return JsonObject()
      .add("id", jnum(e.id))
      .add("job", jstr(e.job_name))
      .add("key", jstr(e.job_key))
      .add("status", jstr(e.status))
      .add("status_label", jstr(status_label(e.status)))
      .add("started_by", jstr(e.started_by))
      .add("host", jstr(e.host))
      .add("pid", jnum(e.pid))
      .add("started_at", jstr(e.started_at))
      .add("ended_at", e.ended_at.empty() ? "null" : jstr(e.ended_at))
      .add("heartbeat_at", jstr(e.heartbeat_at))
      .add("exit_code", e.exit_code ? jnum(*e.exit_code) : "null")
      .add("message", jstr(mask_personal_numbers(e.message)))
      .add("restart_of", e.restart_of ? jnum(*e.restart_of) : "null")
      .str();
}

std::string step_json(const jobs::StepInfo& s) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", s.seconds);
  return JsonObject()
      .add("name", jstr(s.name))
      .add("status", jstr(s.status))
      .add("read", jnum(s.counts.read))
      .add("written", jnum(s.counts.written))
      .add("skipped", jnum(s.counts.skipped))
      .add("failed", jnum(s.counts.failed))
      .add("seconds", seconds)
      .add("message", jstr(mask_personal_numbers(s.message)))
      .str();
}

std::string failure_json(const jobs::ItemFailure& f) {
  return JsonObject()
      .add("step", jstr(f.step_name))
      .add("case_number", jstr(f.case_number))
      .add("kind", jstr(f.document_kind))
      .add("event_date", jstr(f.event_date))
      .add("event_position", jnum(f.event_position))
      .add("error_code", jstr(f.error_code))
      .add("message", jstr(mask_personal_numbers(f.message)))
      .str();
}

std::string progress_json(const jobs::QueueCounts& c) {
  long long total = c.pending + c.claimed + c.done + c.failed;
  return JsonObject()
      .add("total", jnum(total))
      .add("done", jnum(c.done))
      .add("failed", jnum(c.failed))
      .add("pending", jnum(c.pending + c.claimed))
      .add("written", jnum(c.written))
      .str();
}

std::string document_json(const IssuedDocument& d) {
  return JsonObject()
      .add("id", jnum(d.id))
      .add("case_id", jnum(d.case_id))
      .add("case_number", jstr(d.case_number))
      .add("kind", jstr(d.kind))
      .add("kind_label", jstr(document_kind_label(d.kind)))
      .add("event_date", jstr(d.event_date))
      .add("event_position", jnum(d.event_position))
      .add("version", jnum(d.version))
      .add("sha256", jstr(d.sha256))
      .add("size_bytes", jnum(d.size_bytes))
      .add("pages", jnum(d.pages))
      .add("issued_by", jstr(d.issued_by))
      .add("created_at", jstr(d.created_at))
      .add("url", jstr("/api/documents/" + std::to_string(d.id) + "/pdf"))
      .str();
}

std::string progress_html(const jobs::QueueCounts& c, const std::string& poll_url, bool running) {
  long long total = c.pending + c.claimed + c.done + c.failed;
  long long finished = c.done + c.failed;
  int percent = total ? static_cast<int>(finished * 100 / total) : (running ? 0 : 100);
  std::string out = "<div class=\"progress\"";
  if (running) out += " data-poll=\"" + h(poll_url) + "\"";
  out += "><div class=\"bar\"><div class=\"fill\" data-percent=\"" + std::to_string(percent) +
         "\"></div></div><div class=\"progress-text\">已处理 <b class=\"p-done\">" +
         std::to_string(finished) + "</b> / <b class=\"p-total\">" + std::to_string(total) +
         "</b> 项（失败 <b class=\"p-failed\">" + std::to_string(c.failed) +
         "</b>）<span class=\"p-percent\">" + std::to_string(percent) + "%</span></div></div>";
  return out;
}

std::string steps_table(const std::vector<jobs::StepInfo>& steps) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : steps) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", s.seconds);
    rows.push_back({h(s.name), status_badge(s.status), std::to_string(s.counts.read),
                    std::to_string(s.counts.written), std::to_string(s.counts.skipped),
                    std::to_string(s.counts.failed), seconds, h(mask_personal_numbers(s.message))});
  }
  return table({"步骤", "状态", "读取", "写入", "跳过", "失败", "秒", "说明"}, rows,
               "尚无步骤记录");
}

std::string failures_table(const std::vector<jobs::ItemFailure>& failures) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : failures)
    rows.push_back({h(f.step_name), h(f.case_number), h(document_kind_label(f.document_kind)),
                    h(f.event_date), "<code>" + h(f.error_code) + "</code>",
                    h(mask_personal_numbers(f.message))});
  return table({"步骤", "案号", "文书", "事件日期", "错误代码", "原因"}, rows, "没有失败的项目");
}

std::string documents_table(const std::vector<IssuedDocument>& docs, bool with_case) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : docs) {
    std::vector<std::string> row;
    if (with_case)
      row.push_back("<a href=\"/cases/" + std::to_string(d.case_id) + "\">" + h(d.case_number) +
                    "</a>");
    row.push_back(h(document_kind_label(d.kind)));
    row.push_back(h(d.event_date));
    row.push_back(std::to_string(d.version));
    row.push_back(std::to_string(d.pages));
    row.push_back("<code class=\"hash\" title=\"" + h(d.sha256) + "\">" + h(d.sha256) + "</code>");
    row.push_back("<a class=\"download\" href=\"/documents/" + std::to_string(d.id) +
                  "/pdf\">下载 PDF</a>");
    rows.push_back(row);
  }
  std::vector<std::string> headers;
  if (with_case) headers.push_back("案号");
  for (const char* x : {"文书", "事件日期", "版本", "页数", "SHA-256", ""}) headers.push_back(x);
  return table(headers, rows, "没有文书");
}

}  // namespace zhixing::app::web
