#include "app/web/console.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "app/web/pages.h"
#include "app/web/password.h"
#include "app/web/request_args.h"
#include "core/input_text.h"
#include "core/masking.h"
#include "store/database.h"
#include "store/user_store.h"
#include "store/web_store.h"

namespace zhixing::app::web {

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
  w.verify_max_upload_bytes =
      s.get_int("web.verify_max_upload_bytes", static_cast<int>(w.verify_max_upload_bytes));
  w.verify_max_per_address = s.get_int("web.verify_max_per_address", w.verify_max_per_address);
  w.verify_window_seconds = s.get_int("web.verify_window_seconds", w.verify_window_seconds);
  if (w.max_body_bytes < 1024 || w.max_login_body_bytes < 1024)
    throw std::invalid_argument("web.max_body_bytes 与 web.max_login_body_bytes 至少 1024");
  return w;
}

namespace {

// A POST carries the session's CSRF token in the header or a form field, never the query string.
void check_csrf(const Request& request, const Session& session, std::string& action,
                std::string& target) {
  std::string token =
      request.csrf_header.empty() ? form_field(request, "csrf") : request.csrf_header;
  if (token.empty()) {
    action = "csrf";
    target = request.method + " " + request.path;
    throw HttpError(403, "csrf_missing", "缺少 CSRF 令牌，请刷新页面后重试");
  }
  if (token.size() != session.csrf.size() ||
      CRYPTO_memcmp(token.data(), session.csrf.data(), token.size()) != 0) {
    action = "csrf";
    target = request.method + " " + request.path;
    throw HttpError(403, "csrf_invalid", "CSRF 令牌无效，请刷新页面后重试");
  }
}

void add_security_headers(const Request& request, bool audited, Response& response) {
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (request.secure)
    response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
  if (audited) response.headers.emplace_back("Cache-Control", "no-store");
}

}  // namespace

// ---------------------------------------------------------------- the console

Console::Console(Settings settings)
    : settings_(std::move(settings)),
      web_(WebSettings::from(settings_)),
      throttle_({web_.login_max_failures, web_.login_max_failures_per_address,
                 std::chrono::seconds(web_.login_window_seconds)}),
      verify_limit_(web_.verify_max_per_address, std::chrono::seconds(web_.verify_window_seconds)),
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
  if (is_public_verify(request)) return web_.verify_max_upload_bytes;
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

// The answer to a request that is not refused before its session is known: the login, a
// redirect to it, or the route's answer once the CSRF token checks out.
Response Console::authenticated(Request& request, std::optional<Session>& session,
                                std::string& action, std::string& target, std::string& result) {
  session = session_of(request);
  if (request.path == "/login" || request.path == "/api/login") {
    Response response = login(request, action, target, result);
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
    return response;
  }
  if (!session) {
    action = "unauthenticated";
    target = request.method + " " + request.path;
    if (request.wants_json) throw HttpError(401, "unauthenticated", "请先登录");
    result = "unauthenticated";
    return Response::redirect("/login");
  }
  if (request.method == "POST") check_csrf(request, *session, action, target);
  return dispatch(request, *session, action, target);
}

Response Console::refusal(const Request& request, const std::optional<Session>& session, int status,
                          const std::string& code, const std::string& message) {
  if (request.wants_json) return Response::json(error_json(code, message), status);
  return Response::html(error_page(session ? &*session : nullptr, status, code, message), status);
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
    } else if (is_public_verify(request)) {
      response = public_verify(request, action, target, result);
    } else {
      response = authenticated(request, session, action, target, result);
    }
  } catch (const HttpError& e) {
    result = e.code();
    response = refusal(request, session, e.status(), e.code(), e.what());
  } catch (const std::exception& e) {
    result = "internal_error";
    std::cerr << "内部错误 " << request.method << " " << request.path << "："
              << mask_personal_numbers(e.what()) << "\n";
    response = refusal(request, session, 500, "internal_error", "服务器内部错误，请联系管理员");
  }
  if (audited &&
      !audit(request, session ? &*session : nullptr, action, target, response.status, result)) {
    // An event that cannot be recorded is not answered as if it had been.
    response = refusal(request, session, 503, "audit_unavailable",
                       "审计日志无法写入，请求未完成，请联系管理员");
  }
  add_security_headers(request, audited, response);
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
  r.file_path = (settings_.data_root() / "web" / name).string();
  if (!fs::exists(r.file_path)) throw HttpError(404, "not_found", "没有该文件");
  r.headers.emplace_back("Cache-Control", "max-age=300");
  return r;
}

}  // namespace zhixing::app::web
