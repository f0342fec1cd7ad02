#include "app/web/pages.h"

#include "app/web/console.h"
#include "app/web/http.h"

namespace zhixing::app::web {

std::string role_label(const std::string& role) {
  if (role == "clerk") return "书记员";
  if (role == "finance") return "财务";
  if (role == "auditor") return "审计";
  if (role == "admin") return "管理员";
  return role;
}

std::string status_label(const std::string& status) {
  if (status == "running") return "运行中";
  if (status == "completed") return "已完成";
  if (status == "failed") return "失败";
  if (status == "stopped") return "已停止";
  if (status == "abandoned") return "已放弃";
  if (status == "disabled") return "未启用";
  if (status == "starting") return "启动中";
  if (status == "error") return "出错";
  return status;
}

std::string status_badge(const std::string& status) {
  return "<span class=\"badge badge-" + h(status) + "\">" + h(status_label(status)) + "</span>";
}

std::string csrf_field(const Session& session) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + h(session.csrf) + "\">";
}

std::string table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows,
                  const std::string& empty_text) {
  if (rows.empty()) return "<p class=\"empty\">" + h(empty_text) + "</p>";
  std::string out = "<table><thead><tr>";
  for (const auto& header : headers) out += "<th>" + h(header) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + cell + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::string page(const std::string& title, const Session* session, const std::string& active,
                 const std::string& content) {
  std::string out =
      "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      h(title) +
      " · 执行局批处理控制台</title>"
      "<link rel=\"stylesheet\" href=\"/static/console.css\">"
      "<script src=\"/static/console.js\" defer></script></head><body>"
      "<header class=\"top\"><div class=\"brand\">执行局批处理控制台</div>";
  if (session) {
    struct Nav {
      const char* key;
      const char* href;
      const char* label;
      bool show;
    };
    const Nav items[] = {
        {"runs", "/runs", "运行记录", allowed(session->role, Permission::view_runs)},
        {"batch", "/batch", "文书批次", allowed(session->role, Permission::launch_batch)},
        {"cases", "/cases", "案件", allowed(session->role, Permission::view_cases)},
        {"finance", "/finance", "财务台账", allowed(session->role, Permission::view_ledger)},
        {"audit", "/audit", "审计日志", allowed(session->role, Permission::view_audit)},
    };
    out += "<nav>";
    for (const auto& item : items)
      if (item.show)
        out += std::string("<a href=\"") + item.href + "\"" +
               (active == item.key ? " class=\"active\"" : "") + ">" + item.label + "</a>";
    out += "</nav><div class=\"who\"><span class=\"user\">" + h(session->user) + "（" +
           h(role_label(session->role)) +
           "）</span><form method=\"post\" action=\"/logout\" class=\"inline\">" +
           csrf_field(*session) +
           "<button type=\"submit\" class=\"link\">退出</button></form></div>";
  }
  out += "</header><main>" + content + "</main></body></html>";
  return out;
}

std::string error_page(const Session* session, int status, const std::string& code,
                       const std::string& message) {
  return page(
      "出错", session, "",
      "<section class=\"card error-card\"><h1>无法完成请求</h1><p class=\"error-message\">" +
          h(message) + "</p><p class=\"muted\">错误代码 <code>" + h(code) + "</code>（HTTP " +
          std::to_string(status) + "）</p><p><a href=\"/\">返回首页</a></p></section>");
}

}  // namespace zhixing::app::web
