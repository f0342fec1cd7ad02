// The web console (`zhixing serve`): sessions, roles, CSRF, login rate limits, the audit log,
// and thin handlers over the batch and ledger code paths — runs (jobs/job_repository), clerk
// batches (jobs/clerk_batch, run in a background thread), cases and documents, the relief fund
// ledger (ledger/). Every route answers JSON under /api/ and an HTML page elsewhere; the routes
// are one table (routes.cpp), each resource's handlers a file of its own.
//
// Roles: a clerk launches and restarts document batches and reads runs and cases; finance reads
// and confirms the ledger but cannot launch batches; an auditor reads everything and changes
// nothing; an admin may do all of it (and restart nightly runs).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/web/http.h"
#include "app/web/login_throttle.h"
#include "app/web/rate_limit.h"
#include "config/settings.h"
#include "store/user_store.h"

namespace zhixing::app::web {

struct Route;

enum class Permission {
  view_runs,
  view_cases,
  launch_batch,
  restart_nightly,
  view_ledger,
  confirm_payments,
  view_audit,
};

// Whether `role` (clerk, finance, auditor, admin) has `permission`.
bool allowed(const std::string& role, Permission permission);

struct WebSettings {
  std::string bind_address = "127.0.0.1";
  int port = 8080;
  int session_lifetime_minutes = 480;
  int login_max_failures = 5;               // per user name and address
  int login_max_failures_per_address = 20;  // per address, whatever the names
  int login_window_seconds = 300;
  long long max_body_bytes = 10 * 1024 * 1024;  // a request body with a session
  long long max_login_body_bytes = 64 * 1024;   // a request body without one (the login form)
  int read_timeout_seconds = 15;  // a request's headers, and then its body, within this
  int idle_timeout_seconds = 5;   // an idle keep-alive connection closes after this
  int max_connections = 64;       // connections served at once (each has a thread)
  int max_connections_per_address = 32;
  int pbkdf2_iterations = 310000;
  // the public verify page (no login): the largest upload, and requests per address per window
  long long verify_max_upload_bytes = 20 * 1024 * 1024;
  int verify_max_per_address = 30;
  int verify_window_seconds = 600;
  static WebSettings from(const Settings& settings);
};

struct Session {
  std::string token;
  std::string user;
  std::string role;
  int credential_version = 0;  // users.credential_version at login
  std::string csrf;
  std::chrono::steady_clock::time_point expires;
};

class Console {
 public:
  explicit Console(Settings settings);
  ~Console();  // waits for the batches it started
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // Answers one request; never throws. `refused`: the server could not read the request (too
  // large, unparsable): answered with that error, and audited like any other request.
  Response handle(Request& request, const HttpError* refused = nullptr);

  // The largest body `request` may send (only its headers are read): the full bound with a live
  // session, the login form's bound without one, the upload bound on the public verify page.
  long long body_limit(const Request& request);

  const WebSettings& web_settings() const { return web_; }
  // Waits until every background job started by this console has ended (tests).
  void wait_for_background_jobs();

 private:
  // The request's route in the table (routes.cpp): its handler's answer. Sets the audit log's
  // `action` and `target` as soon as they are known, so that refusals are recorded under them.
  Response dispatch(Request& request, const Session& session, std::string& action,
                    std::string& target);
  static const std::vector<Route>& routes();

  // console.cpp: the request's way through sessions, CSRF and the audit log
  Response authenticated(Request& request, std::optional<Session>& session, std::string& action,
                         std::string& target, std::string& result);
  Response refusal(const Request& request, const std::optional<Session>& session, int status,
                   const std::string& code, const std::string& message);
  std::optional<Session> session_of(const Request& request);
  // False when the entry could not be written (the request then fails: audit_unavailable).
  bool audit(const Request& request, const Session* session, const std::string& action,
             const std::string& target, int status, const std::string& result);
  Response static_file(const std::string& name);

  // public_verify.cpp: the verify page, open to anyone
  static bool is_public_verify(const Request& request);
  Response public_verify(Request& request, std::string& action, std::string& target,
                         std::string& result);

  // sessions.cpp
  Response login(Request& request, std::string& action, std::string& target, std::string& result);
  Response login_page(const Request& request, const std::string& error, const std::string& name,
                      int status);
  Response open_session(const Request& request, const ConsoleUser& user);
  Response logout(Request& request, const Session& session);
  Response home(Request& r, const Session& s);
  Response me(Request& r, const Session& s);

  // runs.cpp
  Response runs_list(Request& r, const Session& s);
  Response run_detail(Request& r, const Session& s, long long id);
  Response run_restart(Request& r, const Session& s, long long id);
  // batches.cpp
  Response batch_form(Request& r, const Session& s);
  Response batch_launch(Request& r, const Session& s);
  Response batch_status(Request& r, const Session& s, const std::string& request_id);
  // documents.cpp
  Response batch_zip(Request& r, const Session& s, const std::string& request_id);
  Response document_pdf(Request& r, const Session& s, long long id);
  Response document_kinds(Request& r, const Session& s);
  // cases.cpp
  Response cases_list(Request& r, const Session& s);
  Response case_detail(Request& r, const Session& s, long long id);
  // finance.cpp
  Response finance(Request& r, const Session& s);
  Response ledger_confirm(Request& r, const Session& s);
  // ledger_api.cpp
  Response ledger_transactions(Request& r, const Session& s);
  Response ledger_balances(Request& r, const Session& s);
  Response ledger_verify(Request& r, const Session& s);
  Response ledger_report(Request& r, const Session& s, const std::string& format);
  // audit_log.cpp
  Response audit_list(Request& r, const Session& s);

  std::string runtime_url();
  void start_background(std::function<void()> work);

  Settings settings_;
  WebSettings web_;
  std::string runtime_url_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
  LoginThrottle throttle_;
  RateLimit verify_limit_;
  // A hash of a random password: a name without a usable password is checked against it, so
  // that every login attempt costs the same PBKDF2 work (no user enumeration by timing).
  std::string decoy_hash_;
  // Batches launched here and not yet visible in the job repository, or finished with an error
  // before they got there: request id -> state ("starting", or "error: <message>").
  std::map<std::string, std::string> launches_;
  std::vector<std::thread> background_;
};

}  // namespace zhixing::app::web
