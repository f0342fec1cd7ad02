#include "app/web/console.h"

#include <openssl/crypto.h>

#include <Poco/DateTime.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "app/web/pages.h"
#include "app/web/password.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/input_text.h"
#include "core/labels.h"
#include "core/masking.h"
#include "documents/blocks_pdf.h"
#include "documents/kinds/document_kind.h"
#include "jobs/clerk_batch.h"
#include "jobs/document_batch.h"
#include "jobs/job_repository.h"
#include "jobs/nightly.h"
#include "jobs/run_log.h"
#include "jobs/work_queue.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger.h"
#include "ledger/ledger_report.h"
#include "ledger/transaction_kind.h"
#include "ledger/verifier.h"
#include "store/database.h"
#include "store/ledger_store.h"
#include "store/relief_store.h"
#include "store/web_store.h"

namespace zhixing::web {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- roles and settings

bool allowed(const std::string& role, Permission p) {
  if (role == "admin") return true;
  switch (p) {
    case Permission::view_runs:
    case Permission::view_cases:
      return role == "clerk" || role == "finance" || role == "auditor";
    case Permission::launch_batch:
      return role == "clerk";
    case Permission::restart_nightly:
      return false;
    case Permission::view_ledger:
      return role == "finance" || role == "auditor";
    case Permission::confirm_payments:
      return role == "finance";
    case Permission::view_audit:
      return role == "auditor";
  }
  return false;
}

WebSettings WebSettings::from(const Settings& s) {
  WebSettings w;
  w.bind_address = s.get("web.bind_address", w.bind_address);
  w.port = s.get_int("web.port", w.port);
  w.session_lifetime_minutes =
      s.get_int("web.session_lifetime_minutes", w.session_lifetime_minutes);
  w.login_max_failures = s.get_int("web.login_max_failures", w.login_max_failures);
  w.login_max_failures_per_address =
      s.get_int("web.login_max_failures_per_address", w.login_max_failures_per_address);
  w.login_window_seconds = s.get_int("web.login_window_seconds", w.login_window_seconds);
  w.max_body_bytes = s.get_int("web.max_body_bytes", static_cast<int>(w.max_body_bytes));
  w.max_login_body_bytes =
      s.get_int("web.max_login_body_bytes", static_cast<int>(w.max_login_body_bytes));
  w.read_timeout_seconds = s.get_int("web.read_timeout_seconds", w.read_timeout_seconds);
  w.idle_timeout_seconds = s.get_int("web.idle_timeout_seconds", w.idle_timeout_seconds);
  w.max_connections = s.get_int("web.max_connections", w.max_connections);
  w.max_connections_per_address =
      s.get_int("web.max_connections_per_address", w.max_connections_per_address);
  w.pbkdf2_iterations = s.get_int("web.pbkdf2_iterations", kDefaultPbkdf2Iterations);
  if (w.max_body_bytes < 1024 || w.max_login_body_bytes < 1024)
    throw std::invalid_argument("web.max_body_bytes 与 web.max_login_body_bytes 至少 1024");
  return w;
}

namespace {

const HttpError kForbidden(403, "forbidden", "无权执行此操作");

// A form or JSON field only, never the query string (a URL ends up in logs and Referer headers).
std::string form_field(const Request& r, const std::string& name) {
  auto it = r.form.find(name);
  return it == r.form.end() ? std::string() : it->second;
}

// Every text a request carries in its path, query and form fields is valid UTF-8 without
// control characters (a form's free text may hold line breaks); else a 400 bad_request.
std::optional<HttpError> request_text_fault(const Request& r, long long max_field_bytes) {
  auto refusal = [](const std::string& where, const InputTextFault& f) {
    return HttpError(400, "bad_request", where + "：" + f.message + "（" + f.code + "）");
  };
  if (auto f = check_input_text(r.path, 2000)) return refusal("请求路径", *f);
  for (const auto& [k, v] : r.query) {
    if (auto f = check_input_text(k, 100)) return refusal("参数名", *f);
    if (auto f = check_input_text(v, 2000)) return refusal("参数 " + k, *f);
  }
  for (const auto& [k, v] : r.form) {
    if (auto f = check_input_text(k, 100)) return refusal("字段名", *f);
    // the bank confirmation file: every line gets its own verdict from the ledger's reader
    if (k == "csv") continue;
    if (auto f = check_input_text(v, static_cast<std::size_t>(max_field_bytes), true))
      return refusal("字段 " + k, *f);
  }
  return std::nullopt;
}

// Cookie attributes: Secure when the request came over TLS.
std::string cookie_attributes(const Request& r, const std::string& path) {
  return "; Path=" + path + "; HttpOnly; SameSite=Strict" + (r.secure ? "; Secure" : "");
}

void require(const Session& s, Permission p) {
  if (!allowed(s.role, p)) throw kForbidden;
}

long long parse_id(const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw HttpError(400, "bad_id", "编号无效：" + text.substr(0, 40));
  long long id = std::stoll(text);
  if (id <= 0) throw HttpError(400, "bad_id", "编号无效：" + text);
  return id;
}

int parse_int_param(const Request& r, const std::string& name, int fallback, int lo, int hi,
                    const std::string& code, const std::string& label) {
  std::string v = r.param(name);
  if (v.empty()) return fallback;
  if (v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw HttpError(400, code, label + "应为整数：" + v.substr(0, 20));
  int n = std::stoi(v);
  if (n < lo || n > hi)
    throw HttpError(400, code,
                    label + "应在 " + std::to_string(lo) + " 与 " + std::to_string(hi) + " 之间");
  return n;
}

std::string parse_date_param(const Request& r, const std::string& name) {
  std::string v = r.param(name);
  if (v.empty()) return v;
  if (!Date::parse_iso(v))
    throw HttpError(400, "bad_date", "日期格式应为 YYYY-MM-DD：" + v.substr(0, 20));
  return v;
}

bool truthy(const std::string& v) { return v == "1" || v == "true" || v == "on" || v == "yes"; }

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '/') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Request ids come from the console (ASCII) or from `zhixing batch --request` (anything a clerk
// typed, e.g. with the user's Chinese name): any text without control characters or slashes.
bool valid_request_id(const std::string& id) {
  return !id.empty() && id.size() <= 200 && std::all_of(id.begin(), id.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '/' && c != '\\';
  });
}

std::string outcome_label(const std::string& outcome) {
  if (outcome == "eligible") return "符合救助条件";
  if (outcome == "ineligible") return "不予救助";
  if (outcome == "needs_review") return "需人工审查";
  return outcome;
}

std::string confirmation_label(const std::string& outcome) {
  if (outcome == "matched") return "已登记支付";
  if (outcome == "already_confirmed") return "此前已确认";
  if (outcome == "mismatched") return "与凭证不符";
  if (outcome == "unknown") return "凭证号未知";
  if (outcome == "invalid") return "无法读取";
  if (outcome == "not_applied") return "未登记（文件有无法读取的行）";
  return outcome;
}

// Bank accounts and phone numbers: only the last four digits stay.
std::string mask_tail(const std::string& text) {
  if (text.empty()) return text;
  if (text.size() <= 4) return "****";
  return std::string(text.size() - 4, '*') + text.substr(text.size() - 4);
}

std::string masked_id(const std::string& id) { return id.empty() ? "" : mask_id_number(id); }

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

std::string zip_entry_name(const IssuedDocument& d) {
  std::string name = std::to_string(d.case_id) + "_" + d.kind + "_" + d.event_date + "_" +
                     std::to_string(d.event_position);
  if (d.version > 1) name += "_v" + std::to_string(d.version);
  return name + ".pdf";
}

std::string content_disposition(const std::string& file_name) {
  return "attachment; filename=\"" + std::string("download") +
         fs::path(file_name).extension().string() + "\"; filename*=UTF-8''" + url_encode(file_name);
}

}  // namespace

// ---------------------------------------------------------------- the console

Console::Console(Settings settings)
    : settings_(std::move(settings)),
      web_(WebSettings::from(settings_)),
      throttle_({web_.login_max_failures, web_.login_max_failures_per_address,
                 std::chrono::seconds(web_.login_window_seconds)}),
      decoy_hash_(hash_password(random_hex(16), web_.pbkdf2_iterations)) {
  runtime_url_ = ensure_database(settings_).runtime_url;
}

Console::~Console() { wait_for_background_jobs(); }

void Console::wait_for_background_jobs() {
  for (;;) {
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      threads.swap(background_);
    }
    if (threads.empty()) return;
    for (auto& t : threads) t.join();
  }
}

std::string Console::runtime_url() { return runtime_url_; }

void Console::start_background(std::function<void()> work) {
  std::lock_guard<std::mutex> lock(mutex_);
  background_.emplace_back(std::move(work));
}

std::optional<Session> Console::session_of(const Request& request) {
  auto it = request.cookies.find("zx_session");
  if (it == request.cookies.end()) return std::nullopt;
  Session session;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto s = sessions_.find(it->second);
    if (s == sessions_.end()) return std::nullopt;
    if (s->second.expires < std::chrono::steady_clock::now()) {
      sessions_.erase(s);
      return std::nullopt;
    }
    session = s->second;
  }
  // The user's rights now, not at login: a disabled user, a changed role or a changed password
  // (the credential version) ends every session the user has.
  std::optional<ConsoleUser> user;
  {
    auto sql = connect(runtime_url());
    user = find_console_user(*sql, session.user);
  }
  if (user && !user->disabled && user->role == session.role &&
      user->credential_version == session.credential_version)
    return session;
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto s = sessions_.begin(); s != sessions_.end();)
    s = s->second.user == session.user ? sessions_.erase(s) : std::next(s);
  return std::nullopt;
}

long long Console::body_limit(const Request& request) {
  const long long anonymous = std::min(web_.max_body_bytes, web_.max_login_body_bytes);
  auto it = request.cookies.find("zx_session");
  if (it == request.cookies.end()) return anonymous;
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = sessions_.find(it->second);
  if (s == sessions_.end() || s->second.expires < std::chrono::steady_clock::now())
    return anonymous;
  return web_.max_body_bytes;
}

bool Console::audit(const Request& request, const Session* session, const std::string& action,
                    const std::string& target, int status, const std::string& result) {
  // insert_audit makes every field printable UTF-8: what a request carried never costs the
  // event its record.
  AuditEntry e;
  e.user_name = session ? session->user : "";
  e.role = session ? session->role : "";
  e.action = action.empty() ? request.method + " " + request.path : action;
  e.target = mask_personal_numbers(sanitize_for_log(target, 1000));
  e.remote_addr = request.remote_addr;
  e.result = result;
  e.http_status = status;
  try {
    auto sql = connect(runtime_url());
    insert_audit(*sql, e);
    return true;
  } catch (const std::exception& ex) {
    std::cerr << "审计日志写入失败 (audit_unavailable)：" << sanitize_for_log(e.action, 300) << " "
              << e.target << " " << e.result << "："
              << mask_personal_numbers(sanitize_for_log(ex.what(), 500)) << "\n";
    return false;
  }
}

Response Console::handle(Request& request, const HttpError* refused) {
  std::string action, target;
  std::optional<Session> session;
  Response response;
  std::string result = "ok";
  bool audited = true;
  try {
    if (refused) {
      session = session_of(request);
      action = "request";
      target = request.method + " " + request.path;
      throw *refused;
    }
    if (auto fault = request_text_fault(request, web_.max_body_bytes)) {
      session = session_of(request);
      throw *fault;
    }
    if (request.path == "/favicon.ico") {
      audited = false;
      throw HttpError(404, "not_found", "没有该文件");
    }
    if (request.path.rfind("/static/", 0) == 0) {
      audited = false;
      if (request.method != "GET") throw HttpError(405, "method_not_allowed", "不支持该请求方法");
      response = static_file(request.path.substr(8));
    } else {
      session = session_of(request);
      if (request.path == "/login" || request.path == "/api/login") {
        response = login(request, action, target, result);
        if (response.status < 400 && request.method == "POST") {
          // the new session is the actor of its own login
          auto it = std::find_if(response.headers.begin(), response.headers.end(),
                                 [](const auto& hd) { return hd.first == "Set-Cookie"; });
          if (it != response.headers.end()) {
            std::string token = it->second.substr(11, it->second.find(';') - 11);
            std::lock_guard<std::mutex> lock(mutex_);
            if (auto s = sessions_.find(token); s != sessions_.end()) session = s->second;
          }
        }
      } else if (!session) {
        action = "unauthenticated";
        target = request.method + " " + request.path;
        if (request.wants_json) throw HttpError(401, "unauthenticated", "请先登录");
        response = Response::redirect("/login");
        result = "unauthenticated";
      } else {
        if (request.method == "POST") {
          // the header or a form field, never the query string
          std::string token =
              request.csrf_header.empty() ? form_field(request, "csrf") : request.csrf_header;
          if (token.empty()) {
            action = "csrf";
            target = request.method + " " + request.path;
            throw HttpError(403, "csrf_missing", "缺少 CSRF 令牌，请刷新页面后重试");
          }
          if (token.size() != session->csrf.size() ||
              CRYPTO_memcmp(token.data(), session->csrf.data(), token.size()) != 0) {
            action = "csrf";
            target = request.method + " " + request.path;
            throw HttpError(403, "csrf_invalid", "CSRF 令牌无效，请刷新页面后重试");
          }
        }
        response = dispatch(request, &*session, action, target);
      }
    }
  } catch (const HttpError& e) {
    result = e.code();
    if (request.wants_json) {
      response = Response::json(error_json(e.code(), e.what()), e.status());
    } else {
      response = Response::html(
          error_page(session ? &*session : nullptr, e.status(), e.code(), e.what()), e.status());
    }
  } catch (const std::exception& e) {
    result = "internal_error";
    std::cerr << "内部错误 " << request.method << " " << request.path << "："
              << mask_personal_numbers(e.what()) << "\n";
    const std::string message = "服务器内部错误，请联系管理员";
    response =
        request.wants_json
            ? Response::json(error_json("internal_error", message), 500)
            : Response::html(
                  error_page(session ? &*session : nullptr, 500, "internal_error", message), 500);
  }
  if (audited &&
      !audit(request, session ? &*session : nullptr, action, target, response.status, result)) {
    // An event that cannot be recorded is not answered as if it had been.
    const std::string message = "审计日志无法写入，请求未完成，请联系管理员";
    response = request.wants_json ? Response::json(error_json("audit_unavailable", message), 503)
                                  : Response::html(error_page(session ? &*session : nullptr, 503,
                                                              "audit_unavailable", message),
                                                   503);
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (request.secure)
    response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
  if (audited) response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response Console::static_file(const std::string& name) {
  static const std::map<std::string, std::string> types = {
      {"console.css", "text/css; charset=utf-8"},
      {"console.js", "text/javascript; charset=utf-8"},
  };
  auto it = types.find(name);
  if (it == types.end()) throw HttpError(404, "not_found", "没有该文件");
  Response r;
  r.content_type = it->second;
  r.file_path = (settings_.root() / "web" / name).string();
  if (!fs::exists(r.file_path)) throw HttpError(404, "not_found", "没有该文件");
  r.headers.emplace_back("Cache-Control", "max-age=300");
  return r;
}

Response Console::login(Request& request, std::string& action, std::string& target,
                        std::string& result) {
  action = "login";
  // Login CSRF: the form carries a token that must equal its cookie (double submit; the cookie
  // is HttpOnly, SameSite=Strict and sent to /login only). A browser keeps its token while the
  // cookie lives, so a second tab or a background request does not invalidate an open form.
  auto login_page = [&](const std::string& error, const std::string& name, int status) {
    std::string token = random_hex(16);
    if (auto c = request.cookies.find("zx_login");
        c != request.cookies.end() && c->second.size() == 32 &&
        std::all_of(c->second.begin(), c->second.end(),
                    [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); }))
      token = c->second;
    std::string content =
        "<section class=\"card login\"><h1>登录</h1>" +
        (error.empty() ? std::string()
                       : "<p class=\"error-message\" role=\"alert\">" + error + "</p>") +
        "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"" +
        token + "\"><label>用户名<input name=\"name\" autocomplete=\"username\" required value=\"" +
        h(name) +
        "\"></label><label>密码<input name=\"password\" type=\"password\" "
        "autocomplete=\"current-password\" required></label>"
        "<button type=\"submit\">登录</button></form>"
        "<p class=\"muted\">密码由管理员以 <code>zhixing users passwd 用户名</code> "
        "设置。</p></section>";
    Response r = Response::html(page("登录", nullptr, "", content), status);
    r.headers.emplace_back("Set-Cookie",
                           "zx_login=" + token + cookie_attributes(request, "/login"));
    return r;
  };
  if (request.method == "GET") {
    if (request.wants_json) throw HttpError(405, "method_not_allowed", "请用 POST 登录");
    action = "login.page";
    return login_page("", "", 200);
  }
  if (request.method != "POST") throw HttpError(405, "method_not_allowed", "不支持该请求方法");
  if (request.wants_json) {
    // A cross-site page cannot send application/json without a CORS preflight, which this
    // server never grants: that is the API login's CSRF protection.
    if (request.content_type.rfind("application/json", 0) != 0)
      throw HttpError(415, "unsupported_media_type", "登录接口只接受 application/json");
  } else {
    auto cookie = request.cookies.find("zx_login");
    const std::string field = form_field(request, "csrf");
    if (cookie == request.cookies.end() || field.empty()) {
      result = "csrf_missing";
      return login_page(h("登录表单已过期，请重新登录") + " <code>csrf_missing</code>",
                        form_field(request, "name"), 403);
    }
    if (cookie->second.size() != field.size() ||
        CRYPTO_memcmp(cookie->second.data(), field.data(), field.size()) != 0) {
      result = "csrf_invalid";
      return login_page(h("登录表单无效，请重新登录") + " <code>csrf_invalid</code>",
                        form_field(request, "name"), 403);
    }
  }
  std::string name = form_field(request, "name");
  std::string password = form_field(request, "password");
  target = name.substr(0, 100);
  if (name.empty() || password.empty()) {
    if (request.wants_json) throw HttpError(400, "missing_credentials", "请输入用户名和密码");
    result = "missing_credentials";
    return login_page(h("请输入用户名和密码") + " <code>missing_credentials</code>", name, 400);
  }
  // Charged as a failure before the password is checked (taken back on success): concurrent
  // attempts cannot slip past the limits between a check and a count.
  const auto attempt_at = std::chrono::steady_clock::now();
  if (!throttle_.begin(name, request.remote_addr, attempt_at)) {
    std::string message = "登录失败次数过多，请 " +
                          std::to_string((web_.login_window_seconds + 59) / 60) + " 分钟后再试";
    if (request.wants_json) throw HttpError(429, "too_many_attempts", message);
    result = "too_many_attempts";
    return login_page(h(message) + " <code>too_many_attempts</code>", name, 429);
  }
  std::optional<ConsoleUser> user;
  {
    auto sql = connect(runtime_url());
    user = find_console_user(*sql, name);
  }
  // The same PBKDF2 work whether or not the name has a usable password.
  const bool usable = user && !user->password_hash.empty();
  const bool ok = verify_password(password, usable ? user->password_hash : decoy_hash_) && usable;
  if (!ok) {
    if (request.wants_json) throw HttpError(401, "bad_credentials", "用户名或密码错误");
    result = "bad_credentials";
    return login_page(h("用户名或密码错误") + " <code>bad_credentials</code>", name, 401);
  }
  throttle_.succeeded(name, request.remote_addr, attempt_at);
  if (user->disabled) {
    const std::string message = "该用户已停用，请联系管理员";
    if (request.wants_json) throw HttpError(403, "user_disabled", message);
    result = "user_disabled";
    return login_page(h(message) + " <code>user_disabled</code>", name, 403);
  }
  Session s;
  s.token = random_hex(32);
  s.user = user->name;
  s.role = user->role;
  s.credential_version = user->credential_version;
  s.csrf = random_hex(32);
  s.expires =
      std::chrono::steady_clock::now() + std::chrono::minutes(web_.session_lifetime_minutes);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // expired sessions go when anyone logs in: a bound on the table without a timer
    for (auto it = sessions_.begin(); it != sessions_.end();)
      it = it->second.expires < std::chrono::steady_clock::now() ? sessions_.erase(it)
                                                                 : std::next(it);
    sessions_[s.token] = s;
  }
  Response r = request.wants_json ? Response::json(JsonObject()
                                                       .add("user", jstr(s.user))
                                                       .add("role", jstr(s.role))
                                                       .add("csrf", jstr(s.csrf))
                                                       .str())
                                  : Response::redirect(s.role == "finance" ? "/finance" : "/runs");
  r.headers.insert(
      r.headers.begin(),
      {"Set-Cookie", "zx_session=" + s.token + cookie_attributes(request, "/") +
                         "; Max-Age=" + std::to_string(web_.session_lifetime_minutes * 60)});
  return r;
}

Response Console::logout(Request& request, const Session& session) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(session.token);
  }
  Response r = request.wants_json ? Response::json("{\"ok\":true}") : Response::redirect("/login");
  r.headers.emplace_back("Set-Cookie",
                         "zx_session=" + cookie_attributes(request, "/") + "; Max-Age=0");
  return r;
}

Response Console::dispatch(Request& r, const Session* session, std::string& action,
                           std::string& target) {
  const Session& s = *session;
  std::string path = r.wants_json ? r.path.substr(4) : r.path;
  auto seg = split_path(path);
  const bool get = r.method == "GET", post = r.method == "POST";
  auto method_not_allowed = [] { return HttpError(405, "method_not_allowed", "不支持该请求方法"); };
  const std::string first = seg.empty() ? "" : seg[0];

  if (seg.empty()) {
    action = "home";
    if (!get) throw method_not_allowed();
    if (r.wants_json) throw HttpError(404, "not_found", "没有该页面");
    return Response::redirect(s.role == "finance" ? "/finance" : "/runs");
  }
  if (first == "me" && seg.size() == 1) {
    action = "me";
    if (!get) throw method_not_allowed();
    return Response::json(JsonObject()
                              .add("user", jstr(s.user))
                              .add("role", jstr(s.role))
                              .add("csrf", jstr(s.csrf))
                              .str());
  }
  if (first == "logout" && seg.size() == 1) {
    action = "logout";
    if (!post) throw method_not_allowed();
    return logout(r, s);
  }
  if (first == "runs") {
    if (seg.size() == 1) {
      action = "runs.list";
      if (!get) throw method_not_allowed();
      return runs_list(r, s);
    }
    long long id = parse_id(seg[1]);
    target = "execution " + seg[1];
    if (seg.size() == 2) {
      action = "runs.show";
      if (!get) throw method_not_allowed();
      return run_detail(r, s, id);
    }
    if (seg.size() == 3 && seg[2] == "restart") {
      action = "runs.restart";
      if (!post) throw method_not_allowed();
      return run_restart(r, s, id);
    }
  }
  if (first == "document-kinds" && seg.size() == 1) {
    action = "document_kinds";
    if (!get) throw method_not_allowed();
    std::vector<std::string> kinds;
    for (auto k : documents::all_kinds()) {
      std::string name(documents::kind_name(k));
      kinds.push_back(
          JsonObject().add("kind", jstr(name)).add("label", jstr(document_kind_label(name))).str());
    }
    return Response::json("{\"kinds\":" + jarray(kinds) + "}");
  }
  if (first == "batch" || first == "batches") {
    if (seg.size() == 1) {
      if (get && !r.wants_json) {
        action = "batch.form";
        return batch_form(r, s);
      }
      if (post) {
        action = "batch.launch";
        return batch_launch(r, s);
      }
      throw method_not_allowed();
    }
    target = "batch " + seg[1].substr(0, 120);
    if (!valid_request_id(seg[1])) throw HttpError(400, "bad_id", "批次请求号无效");
    if (seg.size() == 2) {
      action = "batch.show";
      if (!get) throw method_not_allowed();
      return batch_status(r, s, seg[1]);
    }
    if (seg.size() == 3 && seg[2] == "zip") {
      action = "batch.zip";
      if (!get) throw method_not_allowed();
      return batch_zip(r, s, seg[1]);
    }
  }
  if (first == "documents" && seg.size() == 3 && seg[2] == "pdf") {
    action = "documents.download";
    target = "document " + seg[1];
    if (!get) throw method_not_allowed();
    return document_pdf(r, s, parse_id(seg[1]));
  }
  if (first == "cases") {
    if (seg.size() == 1) {
      action = "cases.list";
      if (!get) throw method_not_allowed();
      return cases_list(r, s);
    }
    if (seg.size() == 2) {
      action = "cases.show";
      target = "case " + seg[1];
      if (!get) throw method_not_allowed();
      return case_detail(r, s, parse_id(seg[1]));
    }
  }
  if (first == "finance" && !r.wants_json) {
    if (seg.size() == 1) {
      action = "finance.page";
      if (!get) throw method_not_allowed();
      return finance(r, s);
    }
    if (seg.size() == 2 && seg[1] == "confirm") {
      action = "ledger.confirm";
      if (!post) throw method_not_allowed();
      return ledger_confirm(r, s);
    }
  }
  if (first == "ledger" && seg.size() == 2) {
    const std::string& what = seg[1];
    if (what == "transactions" || what == "balances" || what == "verify" || what == "report.csv" ||
        what == "report.pdf") {
      action = "ledger." + what;
      if (!get) throw method_not_allowed();
      if (what == "transactions") return ledger_transactions(r, s);
      if (what == "balances") return ledger_balances(r, s);
      if (what == "verify") return ledger_verify(r, s);
      return ledger_report(r, s, what == "report.csv" ? "csv" : "pdf");
    }
    if (what == "confirmations") {
      action = "ledger.confirm";
      if (!post) throw method_not_allowed();
      return ledger_confirm(r, s);
    }
  }
  if (first == "audit" && seg.size() == 1) {
    action = "audit.list";
    if (!get) throw method_not_allowed();
    return audit_list(r, s);
  }
  action = "not_found";
  target = r.method + " " + r.path.substr(0, 200);
  throw HttpError(404, "not_found", "没有该页面或接口");
}

// ---------------------------------------------------------------- runs

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
    std::string params = instance_parameters(*sql, e->instance_id);
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
    o.request_id = e->job_key.substr(8);
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

// ---------------------------------------------------------------- clerk batches

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
  {
    auto sql = connect(runtime_url());
    if (!filter.empty()) {
      try {
        parse_case_filter(filter);
      } catch (const std::invalid_argument& e) {
        throw HttpError(400, "bad_filter", e.what());
      }
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

Response Console::batch_zip(Request& /*r*/, const Session& s, const std::string& request_id) {
  require(s, Permission::view_runs);
  auto sql = connect(runtime_url());
  jobs::JobRepository repo(*sql);
  auto e = repo.latest("batch", "request=" + request_id);
  if (!e) throw HttpError(404, "not_found", "没有该批次：" + request_id);
  auto docs = documents_of_instance(*sql, e->instance_id);
  if (docs.empty()) throw HttpError(404, "not_found", "该批次没有文书");
  Response resp;
  resp.content_type = "application/zip";
  // Written into the response while it is sent, one PDF at a time: no temporary file, and only
  // the compressor's buffers in memory however large the batch.
  resp.stream = [docs](std::ostream& out) {
    std::string manifest = "file,case_number,kind,event_date,position,version,sha256\n";
    Poco::Zip::Compress zip(out, false);
    for (const auto& d : docs) {
      fs::path file = fs::path(d.output_dir) / d.path;
      if (!fs::exists(file)) continue;
      std::string name = zip_entry_name(d);
      zip.addFile(Poco::Path(file.string()), Poco::Path(name));
      manifest += name + "," + csv_field(d.case_number) + "," + d.kind + "," + d.event_date + "," +
                  std::to_string(d.event_position) + "," + std::to_string(d.version) + "," +
                  d.sha256 + "\n";
    }
    std::istringstream m(manifest);
    zip.addFile(m, Poco::DateTime(), Poco::Path("manifest.csv"));
    zip.close();
  };
  resp.headers.emplace_back("Content-Disposition",
                            content_disposition("batch-" + request_id + ".zip"));
  return resp;
}

Response Console::document_pdf(Request& /*r*/, const Session& s, long long id) {
  require(s, Permission::view_cases);
  auto sql = connect(runtime_url());
  auto d = document_by_id(*sql, id);
  if (!d) throw HttpError(404, "not_found", "没有文书 #" + std::to_string(id));
  fs::path file = fs::path(d->output_dir) / d->path;
  if (!fs::exists(file)) throw HttpError(404, "file_missing", "文书文件不存在，请重新生成");
  Response resp;
  resp.content_type = "application/pdf";
  resp.file_path = file.string();
  resp.headers.emplace_back("Content-Disposition",
                            content_disposition(fs::path(d->path).filename().string()));
  resp.headers.emplace_back("X-Document-SHA256", d->sha256);
  return resp;
}

// ---------------------------------------------------------------- cases

Response Console::cases_list(Request& r, const Session& s) {
  require(s, Permission::view_cases);
  std::string number = r.param("number");
  if (number.size() > 100) throw HttpError(400, "bad_number", "案号过长");
  int limit = parse_int_param(r, "limit", 50, 1, 500, "bad_limit", "条数");
  auto sql = connect(runtime_url());
  auto cases = find_cases(*sql, number, limit);
  if (r.wants_json) {
    std::vector<std::string> items;
    for (const auto& c : cases)
      items.push_back(JsonObject()
                          .add("id", jnum(c.id))
                          .add("case_number", jstr(c.case_number))
                          .add("cause", jstr(c.cause))
                          .add("status", jstr(c.status))
                          .add("filed_on", jstr(c.filed_on))
                          .str());
    return Response::json("{\"cases\":" + jarray(items) + "}");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : cases)
    rows.push_back({"<a href=\"/cases/" + std::to_string(c.id) + "\">" + h(c.case_number) + "</a>",
                    h(c.cause), h(case_status_label(c.status)), h(c.filed_on), h(yuan(c.claim_fen)),
                    h(yuan(c.recovered_fen))});
  std::string content =
      "<h1>案件</h1><form method=\"get\" class=\"filters\"><label>案号包含<input name=\"number\" "
      "value=\"" +
      h(number) + "\" placeholder=\"执1号\"></label><button type=\"submit\">查找</button></form>" +
      table({"案号", "案由", "状态", "立案日期", "申请执行标的", "已执行到位"}, rows,
            "没有符合条件的案件");
  return Response::html(page("案件", &s, "cases", content));
}

Response Console::case_detail(Request& r, const Session& s, long long id) {
  require(s, Permission::view_cases);
  auto sql = connect(runtime_url());
  auto c = case_by_id(*sql, id);
  if (!c) throw HttpError(404, "not_found", "没有案件 #" + std::to_string(id));
  auto parties = parties_of_case(*sql, id);
  auto measures = measures_of_case(*sql, id);
  auto docs = documents_of_case(*sql, id);
  auto assessment = latest_assessment(*sql, id);
  if (r.wants_json) {
    std::vector<std::string> ps, ms, ds, rules;
    for (const auto& p : parties)
      ps.push_back(JsonObject()
                       .add("role", jstr(p.role))
                       .add("kind", jstr(p.kind))
                       .add("name", jstr(p.name))
                       .add("id_number", jstr(masked_id(p.id_number)))
                       .add("uscc", jstr(p.uscc))
                       .add("bank_name", jstr(p.bank_name))
                       .add("bank_account", jstr(mask_tail(p.bank_account)))
                       .add("phone", jstr(mask_tail(p.phone)))
                       .str());
    for (const auto& m : measures)
      ms.push_back(JsonObject()
                       .add("position", jnum(m.position))
                       .add("kind", jstr(m.kind))
                       .add("taken_on", jstr(m.taken_on))
                       .add("against", jstr(m.against))
                       .add("amount_fen", m.amount_fen ? jnum(*m.amount_fen) : "null")
                       .add("target", jstr(mask_personal_numbers(m.target)))
                       .add("result", jstr(m.result))
                       .str());
    for (const auto& d : docs) ds.push_back(document_json(d));
    std::string relief = "null";
    if (assessment) {
      for (const auto& rule : assessment->rules)
        rules.push_back(JsonObject()
                            .add("id", jstr(rule.id))
                            .add("passed", jbool(rule.passed))
                            .add("effect", jstr(rule.effect))
                            .add("reason", jstr(rule.reason))
                            .str());
      relief = JsonObject()
                   .add("outcome", jstr(assessment->outcome))
                   .add("proposed_fen",
                        assessment->proposed_fen ? jnum(*assessment->proposed_fen) : "null")
                   .add("cap_fen", jnum(assessment->cap_fen))
                   .add("ruleset", jstr(assessment->ruleset))
                   .add("assessed_at", jstr(assessment->assessed_at))
                   .add("rules", jarray(rules))
                   .str();
    }
    return Response::json(JsonObject()
                              .add("id", jnum(c->id))
                              .add("case_number", jstr(c->case_number))
                              .add("court_code", jstr(c->court_code))
                              .add("cause", jstr(c->cause))
                              .add("status", jstr(c->status))
                              .add("filed_on", jstr(c->filed_on))
                              .add("claim_fen", jnum(c->claim_fen))
                              .add("recovered_fen", jnum(c->recovered_fen))
                              .add("parties", jarray(ps))
                              .add("measures", jarray(ms))
                              .add("documents", jarray(ds))
                              .add("relief", relief)
                              .str());
  }
  std::string content =
      "<h1>" + h(c->case_number) + "</h1><dl class=\"facts\"><dt>案由</dt><dd>" + h(c->cause) +
      "</dd><dt>状态</dt><dd>" + h(case_status_label(c->status)) +
      (c->closure_kind.empty() ? "" : "（" + h(closure_label(c->closure_kind)) + "）") +
      "</dd><dt>立案日期</dt><dd>" + h(c->filed_on) + "</dd><dt>申请执行标的</dt><dd>" +
      h(yuan(c->claim_fen)) + "</dd><dt>已执行到位</dt><dd>" + h(yuan(c->recovered_fen)) +
      "</dd></dl>";
  std::vector<std::vector<std::string>> prow;
  for (const auto& p : parties)
    prow.push_back({h(party_role_label(p.role)), h(p.name),
                    "<code>" + h(p.kind == "person" ? masked_id(p.id_number) : p.uscc) + "</code>",
                    h(p.bank_name.empty() ? "—" : p.bank_name + " " + mask_tail(p.bank_account)),
                    h(mask_tail(p.phone))});
  content += "<h2>当事人</h2>" +
             table({"地位", "名称", "证件号码", "银行账户", "电话"}, prow, "没有当事人");
  std::vector<std::vector<std::string>> mrow;
  for (const auto& m : measures)
    mrow.push_back({std::to_string(m.position + 1), h(measure_label(m.kind)), h(m.taken_on),
                    h(m.against), m.amount_fen ? h(yuan(*m.amount_fen)) : "—",
                    h(mask_personal_numbers(m.target)),
                    h(m.result == "found"  ? "查到财产"
                      : m.result == "none" ? "未查到"
                                           : m.result)});
  content +=
      "<h2>执行措施</h2>" +
      table({"序号", "措施", "日期", "被执行人", "金额", "对象", "结果"}, mrow, "没有执行措施");
  content += "<h2>已签发文书</h2>" + documents_table(docs, false);
  content += "<h2>司法救助评估</h2>";
  if (!assessment) {
    content += "<p class=\"empty\">没有救助评估</p>";
  } else {
    content += "<p>结论：<b>" + h(outcome_label(assessment->outcome)) + "</b>" +
               (assessment->proposed_fen
                    ? "，建议救助金额 <b>" + h(yuan(*assessment->proposed_fen)) + "</b>"
                    : "") +
               "（上限 " + h(yuan(assessment->cap_fen)) + "；规则集 " + h(assessment->ruleset) +
               "；评估于 " + h(assessment->assessed_at) + "）</p>";
    std::vector<std::vector<std::string>> rrow;
    for (const auto& rule : assessment->rules)
      rrow.push_back(
          {"<code>" + h(rule.id) + "</code>",
           rule.passed ? "<span class=\"ok\">通过</span>" : "<span class=\"bad\">未通过</span>",
           h(rule.reason)});
    content += table({"规则", "结果", "理由"}, rrow, "没有规则");
  }
  return Response::html(page(c->case_number, &s, "cases", content));
}

// ---------------------------------------------------------------- finance

namespace {

struct FinanceData {
  std::vector<TransactionRow> transactions;
  std::vector<std::pair<LedgerAccountRow, long long>> balances;
  ledger::VerifyResult verify;
};

TransactionFilter transaction_filter(const Request& r) {
  TransactionFilter f;
  f.kind = r.param("kind");
  if (!f.kind.empty() && !ledger::parse_transaction_kind(f.kind))
    throw HttpError(400, "bad_kind", "未知的交易种类：" + f.kind.substr(0, 40));
  f.year = parse_int_param(r, "year", 0, 0, 2999, "bad_year", "年度");
  if (f.year != 0 && f.year < 2000) throw HttpError(400, "bad_year", "年度应在 2000 与 2999 之间");
  f.applicant = r.param("applicant");
  if (auto fault = check_input_text(f.applicant, 100))
    throw HttpError(400, "bad_request", "申请人：" + fault->message + "（" + fault->code + "）");
  f.from = parse_date_param(r, "from");
  f.to = parse_date_param(r, "to");
  f.limit = parse_int_param(r, "limit", 200, 1, 2000, "bad_limit", "条数");
  return f;
}

std::string transaction_json(const TransactionRow& t) {
  return JsonObject()
      .add("id", jnum(t.id))
      .add("kind", jstr(t.kind))
      .add("kind_label", jstr(ledger::kind_label(*ledger::parse_transaction_kind(t.kind))))
      .add("key", jstr(t.key))
      .add("court_code", jstr(t.court_code))
      .add("year", jnum(t.year))
      .add("amount_fen", jnum(t.amount_fen))
      .add("amount", jstr(yuan(t.amount_fen)))
      .add("business_date", jstr(t.business_date))
      .add("applicant_name", jstr(t.applicant_name))
      .add("decision_number", jstr(t.decision_number))
      .add("voucher_number", jstr(t.voucher_number))
      .add("posted_by", jstr(t.posted_by))
      .add("posted_at", jstr(t.posted_at))
      .add("reversed", jbool(t.reversed))
      .str();
}

std::vector<std::pair<LedgerAccountRow, long long>> balances_for(soci::session& sql,
                                                                 const std::string& court,
                                                                 int year) {
  LedgerStore store(sql);
  std::vector<std::pair<LedgerAccountRow, long long>> out;
  for (const auto& a : store.all_accounts())
    if (a.court_code == court && (year == 0 || a.year == year))
      out.emplace_back(a, store.balance_fen(a));
  return out;
}

std::string balance_json(const LedgerAccountRow& a, long long balance) {
  return JsonObject()
      .add("code", jstr(a.code))
      .add("kind", jstr(ledger::account_kind_name(a.kind)))
      .add("label", jstr(ledger::account_label(a.kind)))
      .add("name", jstr(a.name))
      .add("year", jnum(a.year))
      .add("applicant_party_id", jnum(a.applicant_party_id))
      .add("balance_fen", jnum(balance))
      .add("balance", jstr(yuan(balance)))
      .str();
}

std::string verify_json(const ledger::VerifyResult& v) {
  return JsonObject()
      .add("ok", jbool(v.ok))
      .add("summary", jstr(v.summary()))
      .add("entries_checked", jnum(v.entries_checked))
      .add("transactions_checked", jnum(v.transactions_checked))
      .add("first_bad_sequence", jnum(v.first_bad_sequence))
      .add("problem", jstr(v.problem))
      .add("head_sequence", jnum(v.head_sequence))
      .add("head_hash", jstr(v.head_hash))
      .str();
}

std::string confirmation_html(const ledger::ConfirmationReport& rep) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : rep.lines)
    rows.push_back({std::to_string(l.line_no), h(l.voucher_number),
                    "<span class=\"outcome outcome-" +
                        h(std::string(ledger::outcome_name(l.outcome))) + "\">" +
                        h(confirmation_label(std::string(ledger::outcome_name(l.outcome)))) +
                        "</span>",
                    h(l.field), h(yuan(l.amount_fen)), h(mask_personal_numbers(l.message))});
  return "<section class=\"card\" id=\"confirmation-result\"><h2>银行确认文件逐行结果</h2><p" +
         std::string(rep.applied() ? ">" : " class=\"bad\" id=\"confirmation-not-applied\">") +
         h(ledger::format_confirmation_totals(rep)) + "</p>" +
         table({"行", "凭证号", "结果", "字段", "金额", "说明"}, rows, "文件没有数据行") +
         "</section>";
}

// The grants the ledger refused in the latest nightly run (insufficient_funds, over_cap …):
// recorded, skipped items of its post-grants step, for the finance office to act on.
std::string refused_grants_html(soci::session& sql) {
  jobs::JobRepository repo(sql);
  auto latest = repo.executions(1, "nightly");
  if (latest.empty()) return "";
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : repo.failures(latest.front().id))
    if (f.step_name == "post-grants")
      rows.push_back({h(f.case_number), "<code>" + h(f.error_code) + "</code>",
                      h(mask_personal_numbers(f.message))});
  if (rows.empty()) return "";
  return "<section class=\"card\" id=\"refused-grants\"><h2>台账拒绝过账的救助决定 <small>夜间运行 "
         "#" +
         std::to_string(latest.front().id) + "</small></h2>" +
         table({"决定书", "代码", "说明"}, rows, "") + "</section>";
}

}  // namespace

Response Console::ledger_transactions(Request& r, const Session& s) {
  require(s, Permission::view_ledger);
  TransactionFilter f = transaction_filter(r);
  auto sql = connect(runtime_url());
  std::vector<std::string> items;
  for (const auto& t : zhixing::ledger_transactions(*sql, f)) items.push_back(transaction_json(t));
  return Response::json("{\"transactions\":" + jarray(items) + "}");
}

Response Console::ledger_balances(Request& r, const Session& s) {
  require(s, Permission::view_ledger);
  int year = parse_int_param(r, "year", 0, 0, 2999, "bad_year", "年度");
  std::string court = r.param("court").empty() ? settings_.get("court.code") : r.param("court");
  auto sql = connect(runtime_url());
  std::vector<std::string> items;
  long long fund = 0;
  for (const auto& [a, b] : balances_for(*sql, court, year)) {
    items.push_back(balance_json(a, b));
    if (a.kind == ledger::AccountKind::fund) fund += b;
  }
  return Response::json(JsonObject()
                            .add("court", jstr(court))
                            .add("year", jnum(year))
                            .add("fund_available_fen", jnum(fund))
                            .add("accounts", jarray(items))
                            .str());
}

Response Console::ledger_verify(Request& /*r*/, const Session& s) {
  require(s, Permission::view_ledger);
  auto sql = connect(runtime_url());
  return Response::json(verify_json(ledger::verify_ledger(*sql)));
}

Response Console::ledger_confirm(Request& r, const Session& s) {
  require(s, Permission::confirm_payments);
  std::string content = r.upload_content;
  if (content.empty()) content = r.param("csv");
  if (content.empty() && r.content_type.rfind("text/csv", 0) == 0) content = r.body;
  if (content.empty()) throw HttpError(400, "empty_file", "请上传银行确认文件（CSV）");
  auto sql = connect(runtime_url());
  ledger::LedgerOptions options;
  options.offsets_enabled = settings_.get_bool("ledger.offsets_enabled", true);
  ledger::Ledger ledger(*sql, options);
  ledger::ConfirmationReport rep;
  try {
    rep = ledger::apply_bank_confirmations(ledger, *sql, content, s.user);
  } catch (const soci::soci_error&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw HttpError(400, "bad_confirmation_file", e.what());
  }
  if (r.wants_json) {
    std::vector<std::string> lines;
    for (const auto& l : rep.lines)
      lines.push_back(JsonObject()
                          .add("line", jnum(l.line_no))
                          .add("voucher_number", jstr(l.voucher_number))
                          .add("outcome", jstr(ledger::outcome_name(l.outcome)))
                          .add("field", jstr(l.field))
                          .add("message", jstr(mask_personal_numbers(l.message)))
                          .add("amount_fen", jnum(l.amount_fen))
                          .str());
    return Response::json(JsonObject()
                              .add("matched", jnum(rep.matched))
                              .add("already_confirmed", jnum(rep.already_confirmed))
                              .add("mismatched", jnum(rep.mismatched))
                              .add("unknown", jnum(rep.unknown))
                              .add("invalid", jnum(rep.invalid))
                              .add("not_applied", jnum(rep.not_applied))
                              .add("applied", jbool(rep.applied()))
                              .add("all_good", jbool(rep.all_good()))
                              .add("lines", jarray(lines))
                              .str());
  }
  r.form.erase("csv");
  Response page_response = finance(r, s);
  // the line-by-line result goes above the ledger
  const std::string marker = "<!--confirmation-->";
  auto at = page_response.body.find(marker);
  if (at != std::string::npos)
    page_response.body.replace(at, marker.size(), confirmation_html(rep));
  return page_response;
}

Response Console::ledger_report(Request& r, const Session& s, const std::string& format) {
  require(s, Permission::view_ledger);
  std::string y = r.param("year");
  if (y.empty()) throw HttpError(400, "bad_year", "请指定年度");
  int year = parse_int_param(r, "year", 0, 2000, 2999, "bad_year", "年度");
  std::string court = r.param("court").empty() ? settings_.get("court.code") : r.param("court");
  auto sql = connect(runtime_url());
  ledger::LedgerReport report = ledger::build_ledger_report(*sql, court, year);
  Response resp;
  if (format == "csv") {
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = ledger::ledger_report_csv(report);
    resp.headers.emplace_back("Content-Disposition",
                              content_disposition("ledger-" + std::to_string(year) + ".csv"));
  } else {
    resp.content_type = "application/pdf";
    resp.body =
        documents::render_blocks_pdf(ledger::ledger_report_document(report), settings_.root(),
                                     settings_.get("documents.profile", "gbt9704"));
    resp.headers.emplace_back("Content-Disposition",
                              content_disposition("ledger-" + std::to_string(year) + ".pdf"));
  }
  return resp;
}

Response Console::finance(Request& r, const Session& s) {
  require(s, Permission::view_ledger);
  TransactionFilter f = transaction_filter(r);
  auto sql = connect(runtime_url());
  const std::string court = settings_.get("court.code");
  int year = f.year;
  if (year == 0) {
    TransactionFilter latest;
    latest.limit = 1;
    auto one = zhixing::ledger_transactions(*sql, latest);
    year = one.empty() ? settings_.get_int("ledger.demo_year", 2024) : one.front().year;
  }
  auto transactions = zhixing::ledger_transactions(*sql, f);
  auto balances = balances_for(*sql, court, year);
  auto verify = ledger::verify_ledger(*sql);
  long long fund = 0;
  std::vector<std::vector<std::string>> brow;
  for (const auto& [a, b] : balances) {
    if (a.kind == ledger::AccountKind::fund) fund += b;
    brow.push_back(
        {h(std::string(ledger::account_label(a.kind))), h(a.name), "<code>" + h(a.code) + "</code>",
         "<span class=\"money\" data-account=\"" + h(a.code) + "\">" + h(yuan(b)) + "</span>"});
  }
  std::vector<std::vector<std::string>> trow;
  for (const auto& t : transactions)
    trow.push_back(
        {std::to_string(t.id),
         h(std::string(ledger::kind_label(*ledger::parse_transaction_kind(t.kind)))),
         h(t.business_date), "<span class=\"money\">" + h(yuan(t.amount_fen)) + "</span>",
         h(t.applicant_name), h(t.voucher_number.empty() ? t.decision_number : t.voucher_number),
         h(t.posted_by), t.reversed ? "<span class=\"bad\">已冲正</span>" : ""});
  std::string kinds = "<option value=\"\">全部</option>";
  for (const char* k : {"appropriation", "grant", "payment", "offset", "recovery", "reversal"})
    kinds += std::string("<option value=\"") + k + "\"" + (f.kind == k ? " selected" : "") + ">" +
             h(std::string(ledger::kind_label(*ledger::parse_transaction_kind(k)))) + "</option>";
  std::string ys = std::to_string(year);
  std::string content =
      "<h1>财务台账 <small>" + h(court) + " " + ys +
      " 年度</small></h1>"
      "<div class=\"summary-cards\"><div class=\"card stat\"><div "
      "class=\"label\">救助金可用余额</div>"
      "<div class=\"value\" id=\"fund-balance\">" +
      h(yuan(fund)) +
      "</div></div>"
      "<div class=\"card stat\"><div class=\"label\">台账核验</div><div class=\"value " +
      (verify.ok ? "ok" : "bad") + "\" id=\"verify\">" + (verify.ok ? "通过" : "不符") +
      "</div><div class=\"muted\">" +
      h(verify.ok ? "分录 " + std::to_string(verify.entries_checked) + " 条，交易 " +
                        std::to_string(verify.transactions_checked) + " 笔"
                  : verify.summary() + "：" + verify.problem) +
      "</div></div><div class=\"card stat\"><div class=\"label\">报表下载</div><div "
      "class=\"links\">"
      "<a href=\"/ledger/report.csv?year=" +
      ys + "\">CSV</a> · <a href=\"/ledger/report.pdf?year=" + ys +
      "\">PDF</a></div></div></div><!--confirmation-->" + refused_grants_html(*sql);
  if (allowed(s.role, Permission::confirm_payments))
    content +=
        "<form method=\"post\" action=\"/finance/confirm\" enctype=\"multipart/form-data\" "
        "class=\"card upload\">" +
        csrf_field(s) +
        "<label>银行确认文件（CSV：voucher_number,paid_on,amount,bank_reference）"
        "<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label>"
        "<button type=\"submit\">上传并登记支付</button></form>";
  content += "<h2>余额（按基金与申请人）</h2>" +
             table({"科目", "名称", "代码", "余额"}, brow, "该年度尚无科目");
  content +=
      "<h2>交易</h2><form method=\"get\" action=\"/finance\" class=\"filters\"><label>种类<select "
      "name=\"kind\">" +
      kinds + "</select></label><label>年度<input name=\"year\" size=\"5\" value=\"" +
      (f.year ? std::to_string(f.year) : std::string()) +
      "\"></label><label>申请人<input name=\"applicant\" value=\"" + h(f.applicant) +
      "\"></label><label>自<input type=\"date\" name=\"from\" value=\"" + h(f.from) +
      "\"></label><label>至<input type=\"date\" name=\"to\" value=\"" + h(f.to) +
      "\"></label><button type=\"submit\">筛选</button></form>" +
      table({"编号", "种类", "业务日期", "金额", "申请人", "凭证号/决定书", "登记人", ""}, trow,
            "没有交易");
  return Response::html(page("财务台账", &s, "finance", content));
}

// ---------------------------------------------------------------- audit

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

}  // namespace zhixing::web
