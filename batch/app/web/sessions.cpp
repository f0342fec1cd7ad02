// Logging in and out: the login form and its CSRF cookie, the throttle, the session table.
#include <openssl/crypto.h>

#include <algorithm>

#include "app/web/console.h"
#include "app/web/pages.h"
#include "app/web/password.h"
#include "app/web/request_args.h"
#include "store/database.h"
#include "store/user_store.h"

namespace zhixing::app::web {

// Login CSRF: the form carries a token that must equal its cookie (double submit; the cookie is
// HttpOnly, SameSite=Strict and sent to /login only). A browser keeps its token while the cookie
// lives, so a second tab or a background request does not invalidate an open form.
Response Console::login_page(const Request& request, const std::string& error,
                             const std::string& name, int status) {
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
  r.headers.emplace_back("Set-Cookie", "zx_login=" + token + cookie_attributes(request, "/login"));
  return r;
}

Response Console::login(Request& request, std::string& action, std::string& target,
                        std::string& result) {
  action = "login";
  // A refusal: an error for the API, the form again with the message for a browser.
  auto refuse = [&](int status, const std::string& code, const std::string& message,
                    const std::string& name) {
    if (request.wants_json) throw HttpError(status, code, message);
    result = code;
    return login_page(request, h(message) + " <code>" + code + "</code>", name, status);
  };
  if (request.method == "GET") {
    if (request.wants_json) throw HttpError(405, "method_not_allowed", "请用 POST 登录");
    action = "login.page";
    return login_page(request, "", "", 200);
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
    if (cookie == request.cookies.end() || field.empty())
      return refuse(403, "csrf_missing", "登录表单已过期，请重新登录", form_field(request, "name"));
    if (cookie->second.size() != field.size() ||
        CRYPTO_memcmp(cookie->second.data(), field.data(), field.size()) != 0)
      return refuse(403, "csrf_invalid", "登录表单无效，请重新登录", form_field(request, "name"));
  }
  std::string name = form_field(request, "name");
  std::string password = form_field(request, "password");
  target = name.substr(0, 100);
  if (name.empty() || password.empty())
    return refuse(400, "missing_credentials", "请输入用户名和密码", name);
  // Charged as a failure before the password is checked (taken back on success): concurrent
  // attempts cannot slip past the limits between a check and a count.
  const auto attempt_at = std::chrono::steady_clock::now();
  if (!throttle_.begin(name, request.remote_addr, attempt_at))
    return refuse(429, "too_many_attempts",
                  "登录失败次数过多，请 " + std::to_string((web_.login_window_seconds + 59) / 60) +
                      " 分钟后再试",
                  name);
  std::optional<ConsoleUser> user;
  {
    auto sql = connect(runtime_url());
    user = find_console_user(*sql, name);
  }
  // The same PBKDF2 work whether or not the name has a usable password.
  const bool usable = user && !user->password_hash.empty();
  const bool ok = verify_password(password, usable ? user->password_hash : decoy_hash_) && usable;
  if (!ok) return refuse(401, "bad_credentials", "用户名或密码错误", name);
  throttle_.succeeded(name, request.remote_addr, attempt_at);
  if (user->disabled) return refuse(403, "user_disabled", "该用户已停用，请联系管理员", name);
  return open_session(request, *user);
}

Response Console::open_session(const Request& request, const ConsoleUser& user) {
  Session s;
  s.token = random_hex(32);
  s.user = user.name;
  s.role = user.role;
  s.credential_version = user.credential_version;
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

Response Console::home(Request& r, const Session& s) {
  if (r.wants_json) throw HttpError(404, "not_found", "没有该页面");
  return Response::redirect(s.role == "finance" ? "/finance" : "/runs");
}

Response Console::me(Request& /*r*/, const Session& s) {
  return Response::json(JsonObject()
                            .add("user", jstr(s.user))
                            .add("role", jstr(s.role))
                            .add("csrf", jstr(s.csrf))
                            .str());
}

}  // namespace zhixing::app::web
