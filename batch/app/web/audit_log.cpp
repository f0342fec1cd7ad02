// Audit log: the most recent entries, by user.
#include "app/web/console.h"
#include "app/web/pages.h"
#include "app/web/request_args.h"
#include "store/database.h"
#include "store/web_store.h"

namespace zhixing::app::web {

Response Console::audit_list(Request& r, const Session& s) {
  require(s, Permission::view_audit);
  int limit = parse_int_param(r, "limit", 200, 1, 5000, "bad_limit", "条数");
  std::string user = r.param("user").substr(0, 100);
  auto sql = connect(runtime_url());
  auto entries = recent_audit(*sql, limit, user);
  if (r.wants_json) {
    std::vector<std::string> items;
    for (const auto& e : entries)
      items.push_back(JsonObject()
                          .add("id", jnum(e.id))
                          .add("at", jstr(e.at))
                          .add("user", jstr(e.user_name))
                          .add("role", jstr(e.role))
                          .add("action", jstr(e.action))
                          .add("target", jstr(e.target))
                          .add("remote_addr", jstr(e.remote_addr))
                          .add("result", jstr(e.result))
                          .add("http_status", jnum(e.http_status))
                          .str());
    return Response::json("{\"entries\":" + jarray(items) + "}");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : entries)
    rows.push_back({h(e.at), h(e.user_name.empty() ? "（未登录）" : e.user_name),
                    h(role_label(e.role)), "<code>" + h(e.action) + "</code>", h(e.target),
                    h(e.remote_addr),
                    e.result == "ok" ? "<span class=\"ok\">ok</span>"
                                     : "<span class=\"bad\">" + h(e.result) + "</span>",
                    std::to_string(e.http_status)});
  std::string content =
      "<h1>审计日志</h1><form method=\"get\" class=\"filters\"><label>用户<input name=\"user\" "
      "value=\"" +
      h(user) + "\"></label><button type=\"submit\">筛选</button></form>" +
      table({"时间", "用户", "角色", "操作", "对象", "来源地址", "结果", "状态"}, rows, "没有记录");
  return Response::html(page("审计日志", &s, "audit", content));
}

}  // namespace zhixing::app::web
