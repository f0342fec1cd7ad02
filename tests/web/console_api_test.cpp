// The web console's JSON API and pages, over real HTTP: the Poco server runs in this process on an
// ephemeral port against the scratch database; requests go through Poco's HTTPClientSession.
// Every endpoint, each role's refusals (403), missing and wrong CSRF tokens, bad input (400),
// unknown ids (404), the login rate limit (429) and the audit log.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "app/web/console.h"
#include "app/web/password.h"
#include "app/web/server.h"
#include "core/court_registry.h"
#include "core/date.h"
#include "core/masking.h"
#include "core/money.h"
#include "importer/importer.h"
#include "jobs/job_repository.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger.h"
#include "store/database.h"
#include "store/user_store.h"
#include "store/web_store.h"
#include "support/panel_decision.h"
#include "support/raw_http.h"
#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::raw_exchange;
using testing::ScratchDatabase;
using testing::send_chunked;
using Json = Poco::JSON::Object::Ptr;

const std::string kPassword = "correct-horse-42";
const std::string kCase1 = "（2024）冀0633执1号";
const std::string kCase2 = "（2024）冀0633执2号";

struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
  std::map<std::string, std::string> headers;
  Json json() const {
    Poco::JSON::Parser p;
    return p.parse(body).extract<Json>();
  }
  std::string error() const { return json()->getValue<std::string>("error"); }
};

struct Login {
  std::string cookie;  // "zx_session=…"
  std::string csrf;
};

class ConsoleApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    setenv("ZHIXING_DB_NAME", ScratchDatabase::target().name.c_str(), 1);
    out_dir_ = std::filesystem::temp_directory_path() / ("zt-web-" + std::to_string(getpid()));
    std::filesystem::create_directories(out_dir_);
    setenv("ZHIXING_PATHS_OUTPUT", out_dir_.c_str(), 1);

    auto sql = ScratchDatabase::runtime();
    CourtRegistry courts = load_courts(ScratchDatabase::settings());
    testing::LineOptions a, b;
    a.case_number = kCase1;
    b.case_number = kCase2;
    b.applicant_name = "刘桂芳";
    Importer importer(*sql, courts);
    importer.import_file(
        testing::write_temp_file("web-cases.jsonl",
                                 testing::case_line(a) + "\n" + testing::case_line(b) + "\n"),
        [](const RejectedLine&) { FAIL() << "rejected line"; });

    for (auto [name, role] :
         std::vector<std::pair<std::string, std::string>>{{"陈静", "clerk"},
                                                          {"王会计", "finance"},
                                                          {"李审计", "auditor"},
                                                          {"管理员", "admin"},
                                                          {"限流测试", "clerk"},
                                                          {"无密码", "clerk"}}) {
      std::string n = name, r = role;
      *sql << "insert into users (name, role) values (:n, :r)", soci::use(n), soci::use(r);
      if (name != "无密码") {
        ASSERT_TRUE(set_password_hash(*sql, name, app::web::hash_password(kPassword, 1000)));
      }
    }

    // The relief fund: an appropriation and two grants with vouchers, unpaid.
    ledger::Ledger ledger(*sql);
    ASSERT_TRUE(ledger
                    .post_appropriation({"冀财行指〔2024〕9号", "冀0633", 2024,
                                         Money::from_yuan(100000), *Date::parse_iso("2024-01-02")},
                                        "王会计")
                    .ok());
    for (int i = 1; i <= 2; ++i) {
      ledger::GrantRequest g;
      g.decision_number = "（2024）冀0633司救执" + std::to_string(i) + "号";
      g.court_code = "冀0633";
      g.year = 2024;
      g.applicant_name = i == 1 ? "张秀兰" : "刘桂芳";
      g.amount = Money::from_yuan(10000 * i);
      g.decision_document_sha256 = std::string(64, static_cast<char>('0' + i));
      g.business_date = *Date::parse_iso("2024-08-20");
      // The panel's decision on the imported case, as the ledger requires before it pays.
      testing::PanelDecisionSpec decision;
      decision.decision_number = g.decision_number;
      decision.case_number = i == 1 ? kCase1 : kCase2;
      decision.applicant_name = g.applicant_name;
      decision.amount_fen = g.amount.fen();
      decision.decided_on = "2024-08-20";
      decision.document_sha256 = g.decision_document_sha256;
      g.applicant_party_id = testing::record_panel_decision(*sql, decision).applicant_party_id;
      ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
    }

    console_ = std::make_unique<app::web::Console>(ScratchDatabase::settings());
    server_ = std::make_unique<app::web::WebServer>(*console_, "127.0.0.1", 0,
                                               app::web::ServerOptions::from(console_->web_settings()));
    server_->start();
    clerk_ = login("陈静");
    finance_ = login("王会计");
    auditor_ = login("李审计");
    admin_ = login("管理员");
  }

  static void TearDownTestSuite() {
    server_.reset();
    if (console_) console_->wait_for_background_jobs();
    console_.reset();
    std::error_code ec;
    std::filesystem::remove_all(out_dir_, ec);
  }

  static Reply call(const std::string& method, const std::string& path, const Login* who = nullptr,
                    const std::string& body = "", const std::string& content_type = "",
                    const std::string& csrf = "<session>") {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()));
    return call_on(session, method, path, who, body, content_type, csrf);
  }

  // The same on any session (another server, HTTPS).
  static Reply call_on(Poco::Net::HTTPClientSession& session, const std::string& method,
                       const std::string& path, const Login* who = nullptr,
                       const std::string& body = "", const std::string& content_type = "",
                       const std::string& csrf = "<session>") {
    session.setTimeout(Poco::Timespan(120, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (who) {
      request.set("Cookie", who->cookie);
      if (csrf == "<session>")
        request.set("X-CSRF-Token", who->csrf);
      else if (!csrf.empty())
        request.set("X-CSRF-Token", csrf);
    }
    if (!content_type.empty()) request.setContentType(content_type);
    if (method == "POST") request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply;
    reply.status = response.getStatus();
    reply.content_type = response.getContentType();
    for (const auto& [k, v] : response) {
      if (reply.headers.count(k))
        reply.headers[k] += "\n" + v;
      else
        reply.headers[k] = v;
    }
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
  }

  static Reply get(const std::string& path, const Login* who) { return call("GET", path, who); }

  // The finance page's form: the bank file as a multipart upload by finance. (status, body)
  static std::pair<int, std::string> upload_to_finance_page(const std::string& csv) {
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.set("csrf", finance_.csrf);
    form.addPart("file", new Poco::Net::StringPartSource(csv, "text/csv", "bank.csv"));
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()));
    Poco::Net::HTTPRequest request("POST", "/finance/confirm", Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Cookie", finance_.cookie);
    form.prepareSubmit(request);
    form.write(session.sendRequest(request));
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return {static_cast<int>(response.getStatus()), body};
  }

  // A request to another server of this process (its own limits, its own login throttle).
  static Reply call_at(int port, const std::string& method, const std::string& path,
                       const Login* who = nullptr, const std::string& body = "",
                       const std::string& content_type = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    return call_on(session, method, path, who, body, content_type);
  }

  // Another console and server on the scratch database, with `adjust`ed limits.
  struct LocalServer {
    explicit LocalServer(const std::function<void(app::web::ServerOptions&)>& adjust = {}) {
      console = std::make_unique<app::web::Console>(ScratchDatabase::settings());
      app::web::ServerOptions o = app::web::ServerOptions::from(console->web_settings());
      if (adjust) adjust(o);
      server = std::make_unique<app::web::WebServer>(*console, "127.0.0.1", 0, o);
      server->start();
    }
    int port() const { return server->port(); }
    Reply login(const std::string& name, const std::string& password) const {
      return call_at(port(), "POST", "/api/login", nullptr,
                     "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}",
                     "application/json");
    }
    std::unique_ptr<app::web::Console> console;
    std::unique_ptr<app::web::WebServer> server;
  };

  // Adds (or updates) a user with kPassword hashed at `iterations`.
  static void add_user(const std::string& name, const std::string& role, int iterations = 1000) {
    auto sql = ScratchDatabase::runtime();
    set_user_role(*sql, name, role);
    ASSERT_TRUE(set_password_hash(*sql, name, app::web::hash_password(kPassword, iterations)));
  }

  static long long audit_rows(const std::string& action, const std::string& result) {
    auto sql = ScratchDatabase::runtime();
    long long n = 0;
    std::string a = action, res = result;
    *sql << "select count(*) from audit_log where action = :a and result = :r", soci::use(a),
        soci::use(res), soci::into(n);
    return n;
  }
  static Reply post_json(const std::string& path, const Login* who, const std::string& json) {
    return call("POST", path, who, json, "application/json");
  }

  static Login login(const std::string& name, const std::string& password = kPassword) {
    Reply r =
        call("POST", "/api/login", nullptr,
             "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", "application/json");
    EXPECT_EQ(r.status, 200) << r.body;
    return session_of(r);
  }

  static Login session_of(Reply& r) {
    Login l;
    std::string set_cookie = r.headers["Set-Cookie"];
    l.cookie = set_cookie.substr(0, set_cookie.find(';'));
    if (r.status == 200) l.csrf = r.json()->getValue<std::string>("csrf");
    return l;
  }

  // Polls a batch until it has finished.
  static Json wait_for_batch(const std::string& request, const Login& who) {
    for (int i = 0; i < 600; ++i) {
      Reply r = get("/api/batches/" + request, &who);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) return nullptr;
      Json j = r.json();
      if (j->getValue<bool>("finished")) return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ADD_FAILURE() << "batch " << request << " did not finish";
    return nullptr;
  }

  static long long case_id(const std::string& number) {
    auto sql = ScratchDatabase::runtime();
    long long id = 0;
    std::string n = number;
    *sql << "select id from cases where case_number = :n", soci::use(n), soci::into(id);
    return id;
  }

  static long long audit_count(const std::string& user, const std::string& action,
                               const std::string& result) {
    auto sql = ScratchDatabase::runtime();
    long long n = 0;
    std::string u = user, a = action, res = result;
    *sql << "select count(*) from audit_log where user_name = :u and action = :a and result = :r"
            " and remote_addr = '127.0.0.1'",
        soci::use(u), soci::use(a), soci::use(res), soci::into(n);
    return n;
  }

  static inline std::unique_ptr<app::web::Console> console_;
  static inline std::unique_ptr<app::web::WebServer> server_;
  static inline std::filesystem::path out_dir_;
  static inline Login clerk_, finance_, auditor_, admin_;
};

// ------------------------------------------------------------------ login, sessions, CSRF

TEST_F(ConsoleApi, LoginSetsAnHttpOnlyStrictSessionCookieAndReturnsTheRoleAndCsrfToken) {
  Reply r = call("POST", "/api/login", nullptr,
                 "{\"name\":\"陈静\",\"password\":\"" + kPassword + "\"}", "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("role"), "clerk");
  EXPECT_EQ(r.json()->getValue<std::string>("csrf").size(), 64u);
  const std::string cookie = r.headers["Set-Cookie"];
  EXPECT_NE(cookie.find("zx_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
}

TEST_F(ConsoleApi, LoginFormNeedsTheTokenOfItsCookieAndRedirectsFinanceToTheFinancePage) {
  Reply form = get("/login", nullptr);
  ASSERT_EQ(form.status, 200);
  std::string set_cookie = form.headers["Set-Cookie"];
  ASSERT_EQ(set_cookie.rfind("zx_login=", 0), 0u) << set_cookie;
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  std::string token = set_cookie.substr(9, set_cookie.find(';') - 9);
  EXPECT_NE(form.body.find("name=\"csrf\" value=\"" + token + "\""), std::string::npos);
  const std::string fields = "name=%E7%8E%8B%E4%BC%9A%E8%AE%A1&password=" + kPassword;
  Login cookie_only{"zx_login=" + token, ""};
  // another rendering of the form (a second tab) keeps the browser's token
  Reply again = call("GET", "/login", &cookie_only);
  EXPECT_NE(again.body.find("value=\"" + token + "\""), std::string::npos);

  Reply missing =
      call("POST", "/login", &cookie_only, fields, "application/x-www-form-urlencoded", "");
  EXPECT_EQ(missing.status, 403);
  EXPECT_NE(missing.body.find("csrf_missing"), std::string::npos);
  Reply wrong = call("POST", "/login", &cookie_only, fields + "&csrf=" + std::string(32, 'a'),
                     "application/x-www-form-urlencoded", "");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_NE(wrong.body.find("csrf_invalid"), std::string::npos);
  Reply no_cookie = call("POST", "/login", nullptr, fields + "&csrf=" + token,
                         "application/x-www-form-urlencoded");
  EXPECT_EQ(no_cookie.status, 403);

  Reply r = call("POST", "/login", &cookie_only, fields + "&csrf=" + token,
                 "application/x-www-form-urlencoded", "");
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(r.headers["Location"], "/finance");
}

TEST_F(ConsoleApi, ApiLoginOnlyAcceptsJson) {
  Reply r = call("POST", "/api/login", nullptr, "name=%E9%99%88%E9%9D%99&password=" + kPassword,
                 "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.error(), "unsupported_media_type");
}

TEST_F(ConsoleApi, WrongPasswordIsRefusedWith401) {
  Reply r =
      post_json("/api/login", nullptr, "{\"name\":\"李审计\",\"password\":\"wrong-password\"}");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error(), "bad_credentials");
  EXPECT_EQ(r.json()->getValue<std::string>("message"), "用户名或密码错误");
  EXPECT_EQ(r.headers.count("Set-Cookie"), 0u);
}

TEST_F(ConsoleApi, UnknownUserAndUserWithoutPasswordCannotLogIn) {
  EXPECT_EQ(
      post_json("/api/login", nullptr, "{\"name\":\"没有此人\",\"password\":\"whatever1\"}").status,
      401);
  EXPECT_EQ(
      post_json("/api/login", nullptr, "{\"name\":\"无密码\",\"password\":\"whatever1\"}").status,
      401);
}

TEST_F(ConsoleApi, LoginWithoutNameOrPasswordIs400) {
  Reply r = post_json("/api/login", nullptr, "{\"name\":\"陈静\"}");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error(), "missing_credentials");
}

TEST_F(ConsoleApi, FailedLoginsAreRateLimitedPerUserAndAddress) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(post_json("/api/login", nullptr,
                        "{\"name\":\"限流测试\",\"password\":\"wrong-" + std::to_string(i) + "\"}")
                  .status,
              401);
  // the sixth attempt is refused even with the right password
  Reply r = post_json("/api/login", nullptr,
                      "{\"name\":\"限流测试\",\"password\":\"" + kPassword + "\"}");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.error(), "too_many_attempts");
  EXPECT_NE(r.json()->getValue<std::string>("message").find("分钟后再试"), std::string::npos);
  // another user from the same address is not affected
  EXPECT_EQ(
      post_json("/api/login", nullptr, "{\"name\":\"李审计\",\"password\":\"" + kPassword + "\"}")
          .status,
      200);
}

TEST_F(ConsoleApi, ApiWithoutSessionIs401AndPagesRedirectToLogin) {
  Reply api = get("/api/runs", nullptr);
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(api.error(), "unauthenticated");
  Login forged{"zx_session=0123456789abcdef", "x"};
  EXPECT_EQ(get("/api/runs", &forged).status, 401);
  Reply page = get("/runs", nullptr);
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.headers["Location"], "/login");
}

TEST_F(ConsoleApi, PostWithoutCsrfTokenIs403) {
  Reply r = call("POST", "/api/batches", &clerk_,
                 "{\"kind\":\"notice\",\"cases\":[\"" + kCase1 + "\"]}", "application/json", "");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error(), "csrf_missing");
}

TEST_F(ConsoleApi, PostWithAnotherSessionsCsrfTokenIs403) {
  Reply r = call("POST", "/api/ledger/confirmations", &finance_,
                 "voucher_number,paid_on,amount,bank_reference\n", "text/csv", clerk_.csrf);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error(), "csrf_invalid");
}

TEST_F(ConsoleApi, CsrfTokenIsAcceptedAsAFormField) {
  Login l = login("李审计");
  Reply r = call("POST", "/logout", &l, "csrf=" + l.csrf, "application/x-www-form-urlencoded", "");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["Location"], "/login");
}

TEST_F(ConsoleApi, LogoutEndsTheSession) {
  Login l = login("陈静");
  EXPECT_EQ(get("/api/me", &l).status, 200);
  EXPECT_EQ(call("POST", "/api/logout", &l).status, 200);
  EXPECT_EQ(get("/api/me", &l).status, 401);
}

TEST_F(ConsoleApi, MeTellsTheUserAndRole) {
  Reply r = get("/api/me", &finance_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()->getValue<std::string>("user"), "王会计");
  EXPECT_EQ(r.json()->getValue<std::string>("role"), "finance");
}

TEST_F(ConsoleApi, PagesAreChineseHtmlWithSecurityHeaders) {
  Reply login_page = get("/login", nullptr);
  EXPECT_EQ(login_page.status, 200);
  EXPECT_NE(login_page.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(login_page.body.find("登录"), std::string::npos);
  Reply runs = get("/runs", &clerk_);
  EXPECT_EQ(runs.status, 200);
  EXPECT_NE(runs.body.find("运行记录"), std::string::npos);
  EXPECT_EQ(runs.headers["X-Frame-Options"], "DENY");
  EXPECT_NE(runs.headers["Content-Security-Policy"].find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(runs.headers["Cache-Control"], "no-store");
  Reply batch = get("/batch", &clerk_);
  EXPECT_EQ(batch.status, 200);
  EXPECT_NE(batch.body.find("执行通知书"), std::string::npos);
  EXPECT_NE(batch.body.find("农民工工资"), std::string::npos);
  for (const char* path : {"/cases", "/audit"}) EXPECT_EQ(get(path, &admin_).status, 200) << path;
}

TEST_F(ConsoleApi, StaticAssetsAreServedWithoutLogin) {
  Reply css = get("/static/console.css", nullptr);
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.content_type.find("text/css"), std::string::npos);
  EXPECT_EQ(get("/static/console.js", nullptr).status, 200);
  EXPECT_EQ(get("/static/../config/zhixing.properties", nullptr).status, 404);
  EXPECT_EQ(get("/favicon.ico", nullptr).status, 404);  // not a redirect to a new login form
}

TEST_F(ConsoleApi, UnknownRouteIs404AndWrongMethodIs405) {
  EXPECT_EQ(get("/api/nothing-here", &clerk_).status, 404);
  EXPECT_EQ(get("/api/nothing-here", &clerk_).error(), "not_found");
  Reply r = get("/api/ledger/confirmations", &finance_);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.error(), "method_not_allowed");
}

TEST_F(ConsoleApi, MalformedJsonIs400) {
  Reply r = post_json("/api/batches", &clerk_, "{\"kind\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error(), "bad_json");
}

// ------------------------------------------------------------------ clerk batches and documents

TEST_F(ConsoleApi, ClerkLaunchesABatchWatchesItAndDownloadsThePdfAndTheZip) {
  Reply launch =
      post_json("/api/batches", &clerk_, "{\"kind\":\"notice\",\"cases\":[\"" + kCase1 + "\"]}");
  ASSERT_EQ(launch.status, 202) << launch.body;
  std::string request = launch.json()->getValue<std::string>("request");
  Json done = wait_for_batch(request, clerk_);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->getValue<std::string>("state"), "completed");
  auto docs = done->getArray("documents");
  ASSERT_EQ(docs->size(), 1u);
  auto doc = docs->getObject(0);
  EXPECT_EQ(doc->getValue<std::string>("case_number"), kCase1);
  EXPECT_EQ(doc->getValue<std::string>("kind"), "notice");
  auto progress = done->getObject("progress");
  EXPECT_EQ(progress->getValue<long long>("total"), 1);
  EXPECT_EQ(progress->getValue<long long>("done"), 1);

  Reply pdf =
      get("/api/documents/" + std::to_string(doc->getValue<long long>("id")) + "/pdf", &clerk_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.headers["X-Document-SHA256"], doc->getValue<std::string>("sha256"));

  Reply zip = get("/api/batches/" + request + "/zip", &clerk_);
  ASSERT_EQ(zip.status, 200);
  EXPECT_EQ(zip.content_type, "application/zip");
  // streamed while it is written: no Content-Length, nothing staged in a file
  EXPECT_EQ(zip.headers["Transfer-Encoding"], "chunked");
  EXPECT_EQ(zip.headers.count("Content-Length"), 0u);
  std::istringstream in(zip.body);
  Poco::Zip::ZipArchive archive(in);
  int pdfs = 0;
  bool manifest = false;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    if (it->first == "manifest.csv") manifest = true;
    if (it->first.size() > 4 && it->first.substr(it->first.size() - 4) == ".pdf") ++pdfs;
  }
  EXPECT_EQ(pdfs, 1);
  EXPECT_TRUE(manifest);

  // the run is listed, and its detail has the steps
  Reply runs = get("/api/runs?job=batch", &auditor_);
  ASSERT_EQ(runs.status, 200);
  EXPECT_NE(runs.body.find(request), std::string::npos);
  long long execution = done->getObject("execution")->getValue<long long>("id");
  Reply detail = get("/api/runs/" + std::to_string(execution), &finance_);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json()->getArray("steps")->size(), 3u);  // plan, render, write-summary
  // the page shows it too
  Reply page = get("/batch/" + request, &clerk_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("下载全部（ZIP"), std::string::npos);
  EXPECT_EQ(audit_count("陈静", "batch.launch", "ok"), 1);
}

TEST_F(ConsoleApi, ABatchSelectedByFiltersRendersTheMatchingCases) {
  Reply launch = post_json("/api/batches", &clerk_,
                           "{\"kind\":\"notice\",\"court\":\"冀0633\",\"year\":\"2024\","
                           "\"category\":\"elderly_support\",\"status\":\"open\"}");
  ASSERT_EQ(launch.status, 202) << launch.body;
  EXPECT_EQ(launch.json()->getValue<std::string>("selection"),
            "court=冀0633,year=2024,category=elderly_support,status=open");
  Json done = wait_for_batch(launch.json()->getValue<std::string>("request"), clerk_);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->getValue<std::string>("state"), "completed");
  std::set<std::string> cases;
  auto docs = done->getArray("documents");
  for (size_t i = 0; i < docs->size(); ++i)
    cases.insert(docs->getObject(i)->getValue<std::string>("case_number"));
  EXPECT_EQ(cases, (std::set<std::string>{kCase1, kCase2}));
}

TEST_F(ConsoleApi, ABatchWithAnUnknownCaseReportsTheFailedItemWithItsReason) {
  Reply launch = post_json("/api/batches", &admin_,
                           "{\"kind\":\"notice\",\"cases\":\"（2024）冀0633执999号\"}");
  ASSERT_EQ(launch.status, 202) << launch.body;
  Json done = wait_for_batch(launch.json()->getValue<std::string>("request"), admin_);
  ASSERT_TRUE(done);
  auto failures = done->getArray("failures");
  ASSERT_EQ(failures->size(), 1u);
  EXPECT_EQ(failures->getObject(0)->getValue<std::string>("error_code"), "not_applicable");
  EXPECT_NE(failures->getObject(0)->getValue<std::string>("message").find("案件不存在"),
            std::string::npos);
}

TEST_F(ConsoleApi, FinanceAndAuditorCannotLaunchBatches) {
  const std::string body = "{\"kind\":\"notice\",\"cases\":[\"" + kCase1 + "\"]}";
  for (const Login* who : {&finance_, &auditor_}) {
    Reply r = post_json("/api/batches", who, body);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error(), "forbidden");
    EXPECT_EQ(r.json()->getValue<std::string>("message"), "无权执行此操作");
  }
  EXPECT_GE(audit_count("王会计", "batch.launch", "forbidden"), 1);
  EXPECT_EQ(get("/batch", &finance_).status, 403);
}

TEST_F(ConsoleApi, BatchInputIsValidated) {
  struct Case {
    std::string body, code;
  };
  for (const auto& c : std::vector<Case>{
           {"{\"kind\":\"no-such-kind\",\"cases\":[\"" + kCase1 + "\"]}", "bad_kind"},
           {"{\"kind\":\"notice\"}", "no_selection"},
           {"{\"kind\":\"notice\",\"year\":\"twenty\"}", "bad_filter"},
           {"{\"kind\":\"notice\",\"court\":\"a,b\"}", "bad_filter"},
           {"{\"kind\":\"notice\",\"cases\":[\"" + kCase1 + "\"],\"year\":\"2024\"}",
            "ambiguous_selection"},
       }) {
    Reply r = post_json("/api/batches", &clerk_, c.body);
    EXPECT_EQ(r.status, 400) << c.body << " " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(r.error(), c.code) << c.body;
      EXPECT_FALSE(r.json()->getValue<std::string>("message").empty());
    }
  }
}

TEST_F(ConsoleApi, UnknownBatchesRunsAndDocumentsAre404AndBadIdsAre400) {
  EXPECT_EQ(get("/api/batches/web-none", &clerk_).status, 404);
  EXPECT_EQ(get("/api/batches/web-none/zip", &clerk_).status, 404);
  EXPECT_EQ(get("/api/batches/bad%01id", &clerk_).status, 400);
  EXPECT_EQ(get("/api/batches/" + app::web::url_encode("陈静-20240101-000000-1"), &clerk_).status, 404);
  EXPECT_EQ(get("/api/runs/999999", &clerk_).status, 404);
  EXPECT_EQ(get("/api/runs/abc", &clerk_).error(), "bad_id");
  EXPECT_EQ(get("/api/documents/999999/pdf", &clerk_).status, 404);
  EXPECT_EQ(get("/api/documents/-1/pdf", &clerk_).status, 400);
  EXPECT_EQ(call("POST", "/api/runs/999999/restart", &clerk_).status, 404);
}

TEST_F(ConsoleApi, DocumentKindsAreListedInChinese) {
  Reply r = get("/api/document-kinds", &clerk_);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("执行通知书"), std::string::npos);
}

// ------------------------------------------------------------------ runs

TEST_F(ConsoleApi, RunsListValidatesItsFilters) {
  EXPECT_EQ(get("/api/runs?job=daily", &clerk_).error(), "bad_job");
  EXPECT_EQ(get("/api/runs?limit=0", &clerk_).error(), "bad_limit");
  EXPECT_EQ(get("/api/runs?limit=x", &clerk_).status, 400);
  EXPECT_EQ(get("/api/runs?job=nightly&limit=5", &clerk_).status, 200);
}

TEST_F(ConsoleApi, AFailedBatchIsRestartedByAClerkButNotByFinanceOrAnAuditor) {
  // A failed execution of a batch instance, as a crashed or failed `zhixing batch` leaves it.
  long long failed = 0;
  {
    auto sql = ScratchDatabase::runtime();
    jobs::JobRepository repo(*sql);
    jobs::JobInstanceKey key{
        "batch", "request=web-test-failed",
        "{\"request\": \"web-test-failed\", \"kind\": \"notice\", \"cases\": [\"" + kCase2 +
            "\"], \"filter\": \"\", \"out\": \"" + out_dir_.string() +
            "\", \"reissue\": \"false\", \"user\": \"陈静\"}"};
    jobs::LaunchOptions options;
    options.started_by = "陈静";
    auto launched = repo.launch(key, options);
    ASSERT_EQ(launched.outcome, jobs::LaunchOutcome::launched);
    failed = launched.execution_id;
    repo.finish(failed, "failed", 1, "render-documents 失败");
  }
  const std::string restart = "/api/runs/" + std::to_string(failed) + "/restart";
  EXPECT_EQ(call("POST", restart, &finance_).status, 403);
  EXPECT_EQ(call("POST", restart, &auditor_).status, 403);
  Reply detail = get("/api/runs/" + std::to_string(failed), &clerk_);
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(detail.json()->getValue<bool>("restartable"));

  Reply r = call("POST", restart, &clerk_);
  ASSERT_EQ(r.status, 202) << r.body;
  Json done = wait_for_batch("web-test-failed", clerk_);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->getValue<std::string>("state"), "completed");
  EXPECT_EQ(done->getObject("execution")->getValue<long long>("restart_of"), failed);
  EXPECT_EQ(done->getArray("documents")->size(), 1u);
  // the old execution is no longer the instance's latest: restarting it again is refused
  Reply again = call("POST", restart, &clerk_);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error(), "not_restartable");
}

TEST_F(ConsoleApi, ACompletedRunCannotBeRestarted) {
  Reply launch =
      post_json("/api/batches", &clerk_, "{\"kind\":\"notice\",\"cases\":[\"" + kCase2 + "\"]}");
  ASSERT_EQ(launch.status, 202);
  Json done = wait_for_batch(launch.json()->getValue<std::string>("request"), clerk_);
  ASSERT_TRUE(done);
  long long id = done->getObject("execution")->getValue<long long>("id");
  Reply r = call("POST", "/api/runs/" + std::to_string(id) + "/restart", &clerk_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error(), "not_restartable");
}

TEST_F(ConsoleApi, OnlyAnAdminMayRestartAFailedNightlyRun) {
  long long failed = 0;
  {
    auto sql = ScratchDatabase::runtime();
    jobs::JobRepository repo(*sql);
    jobs::LaunchOptions options;
    options.started_by = "管理员";
    auto launched = repo.launch({"nightly", "business_date=2024-06-30", "{}"}, options);
    ASSERT_EQ(launched.outcome, jobs::LaunchOutcome::launched);
    failed = launched.execution_id;
    repo.finish(failed, "failed", 1, "verify-ledger 失败");
  }
  const std::string restart = "/api/runs/" + std::to_string(failed) + "/restart";
  for (const Login* who : {&clerk_, &finance_, &auditor_}) {
    Reply r = call("POST", restart, who);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.error(), "forbidden");
  }
  Reply detail = get("/api/runs/" + std::to_string(failed), &auditor_);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json()->getObject("execution")->getValue<std::string>("status"), "failed");
  EXPECT_GE(audit_count("陈静", "runs.restart", "forbidden"), 1);
}

// ------------------------------------------------------------------ cases

TEST_F(ConsoleApi, CaseViewShowsPartiesWithMaskedIdNumbersMeasuresAndDocuments) {
  long long id = case_id(kCase1);
  ASSERT_GT(id, 0);
  Reply r = get("/api/cases/" + std::to_string(id), &clerk_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string full_id = testing::synthetic_id("110105", "19491231", 2);
  EXPECT_EQ(r.body.find(full_id), std::string::npos) << "a full ID number leaked";
  auto parties = r.json()->getArray("parties");
  ASSERT_GE(parties->size(), 2u);
  std::string masked = parties->getObject(0)->getValue<std::string>("id_number");
  EXPECT_EQ(masked.substr(0, 6), "110105");
  EXPECT_NE(masked.find("****"), std::string::npos);
  EXPECT_GE(r.json()->getArray("measures")->size(), 1u);
  EXPECT_TRUE(r.json()->has("relief"));

  Reply page = get("/cases/" + std::to_string(id), &auditor_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("当事人"), std::string::npos);
  EXPECT_EQ(page.body.find(full_id), std::string::npos);
}

// Fields known to hold an account or a phone keep only their last four characters (core's
// mask_account_or_phone), whatever their length: a landline or a short account too.
TEST_F(ConsoleApi, CaseViewMasksAccountNumbersWithTheOneMaskingFunction) {
  long long id = case_id(kCase1);
  ASSERT_GT(id, 0);
  const std::string account = "6228480000000000000";
  Reply r = get("/api/cases/" + std::to_string(id), &clerk_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(account), std::string::npos) << "a full account number leaked";
  auto applicant = r.json()->getArray("parties")->getObject(0);
  EXPECT_EQ(applicant->getValue<std::string>("bank_account"), mask_account_or_phone(account));
  EXPECT_EQ(applicant->getValue<std::string>("bank_account"), "***************0000");
  Reply page = get("/cases/" + std::to_string(id), &clerk_);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find(account), std::string::npos);
  EXPECT_NE(page.body.find("***************0000"), std::string::npos);
}

TEST_F(ConsoleApi, CasesAreFoundByNumberAndUnknownCasesAre404) {
  Reply r = get("/api/cases?number=" + app::web::url_encode("执2号"), &finance_);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.json()->getArray("cases")->size(), 1u);
  EXPECT_EQ(r.json()->getArray("cases")->getObject(0)->getValue<std::string>("case_number"),
            kCase2);
  EXPECT_EQ(get("/api/cases/999999", &clerk_).status, 404);
  EXPECT_EQ(get("/api/cases/x1", &clerk_).status, 400);
}

// ------------------------------------------------------------------ finance

TEST_F(ConsoleApi, AClerkCannotReadOrChangeTheLedger) {
  for (const char* path :
       {"/api/ledger/transactions", "/api/ledger/balances", "/api/ledger/verify",
        "/api/ledger/report.csv?year=2024", "/api/ledger/report.pdf?year=2024"}) {
    Reply r = get(path, &clerk_);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(r.error(), "forbidden") << path;
  }
  Reply page = get("/finance", &clerk_);
  EXPECT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("无权执行此操作"), std::string::npos);
  EXPECT_NE(page.body.find("forbidden"), std::string::npos);
  Reply post = call("POST", "/api/ledger/confirmations", &clerk_, "x", "text/csv");
  EXPECT_EQ(post.status, 403);
}

TEST_F(ConsoleApi, AnAuditorReadsTheLedgerButCannotConfirmPayments) {
  EXPECT_EQ(get("/api/ledger/transactions", &auditor_).status, 200);
  EXPECT_EQ(get("/finance", &auditor_).status, 200);
  Reply r = call("POST", "/api/ledger/confirmations", &auditor_,
                 "voucher_number,paid_on,amount,bank_reference\n", "text/csv");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error(), "forbidden");
}

TEST_F(ConsoleApi, FinanceUploadsABankConfirmationAndTheBalancesChange) {
  auto payable = [&](const std::string& applicant) -> long long {
    Reply r = get("/api/ledger/balances?year=2024", &finance_);
    EXPECT_EQ(r.status, 200);
    auto accounts = r.json()->getArray("accounts");
    for (size_t i = 0; i < accounts->size(); ++i) {
      auto a = accounts->getObject(i);
      if (a->getValue<std::string>("kind") == "payable" &&
          a->getValue<std::string>("name").find(applicant) != std::string::npos)
        return a->getValue<long long>("balance_fen");
    }
    return -1;
  };
  EXPECT_EQ(payable("张秀兰"), 1000000);
  std::string csv;
  {
    auto sql = ScratchDatabase::runtime();
    ledger::Ledger ledger(*sql);
    auto grants = ledger.posted_grants("冀0633", 2024);
    std::vector<ledger::PostedGrant> first(grants.begin(), grants.begin() + 1);
    csv = ledger::bank_confirmation_csv_for_unpaid(first, *Date::parse_iso("2024-12-31"), "TEST-");
  }
  Reply r = call("POST", "/api/ledger/confirmations", &finance_, csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<int>("matched"), 1);
  EXPECT_TRUE(r.json()->getValue<bool>("all_good"));
  EXPECT_EQ(r.json()->getArray("lines")->getObject(0)->getValue<std::string>("outcome"), "matched");
  EXPECT_EQ(payable("张秀兰"), 0);
  // the same file again changes nothing
  Reply again = call("POST", "/api/ledger/confirmations", &finance_, csv, "text/csv");
  EXPECT_EQ(again.json()->getValue<int>("already_confirmed"), 1);
  EXPECT_EQ(payable("张秀兰"), 0);

  Reply payments = get("/api/ledger/transactions?kind=payment", &finance_);
  ASSERT_EQ(payments.status, 200);
  EXPECT_EQ(payments.json()->getArray("transactions")->size(), 1u);
  Reply verify = get("/api/ledger/verify", &auditor_);
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.json()->getValue<bool>("ok"));
  EXPECT_EQ(audit_count("王会计", "ledger.confirm", "ok"), 2);
}

TEST_F(ConsoleApi, TheFinancePageTakesTheConfirmationFileAsAMultipartUpload) {
  auto [status, body] = upload_to_finance_page(
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0077,2024-12-31,5.00,REF-PAGE-UPLOAD\n");
  EXPECT_EQ(status, 200) << body.substr(0, 500);
  EXPECT_NE(body.find("银行确认文件逐行结果"), std::string::npos);
  EXPECT_NE(body.find("凭证号未知"), std::string::npos);
}

// A NUL in a bank reference made the line `matched` with a hash over bytes the
// database did not keep, and the page answered 500 after posting line 1. Now the file applies
// nothing and every line's verdict is shown.
TEST_F(ConsoleApi, AnUploadWithAnUnreadableLineAppliesNothingAndShowsEveryLine) {
  const long long payments_before = [] {
    auto sql = ScratchDatabase::runtime();
    long long n = 0;
    *sql << "select count(*) from ledger_transactions where kind = 'payment'", soci::into(n);
    return n;
  }();
  const std::string csv = std::string(
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0002,2024-12-31,20000.00,REF-NUL-1\n"
      "冀0633-2024-JZ-0002,2024-12-31,20000.00,REF\0NUL\n"
      "冀0633-2024-JZ-0001,2024-12-31,10000.00,REF-\xff\n",
      192);
  ASSERT_EQ(csv.find('\0'), 140u) << "the NUL is inside the file";
  auto [status, body] = upload_to_finance_page(csv);
  EXPECT_EQ(status, 200) << body.substr(0, 500);
  EXPECT_NE(body.find("id=\"confirmation-not-applied\""), std::string::npos) << body;
  EXPECT_NE(body.find("本文件未登记任何一行"), std::string::npos);
  EXPECT_NE(body.find("outcome-not_applied"), std::string::npos);
  size_t invalid = 0;
  for (size_t at = body.find("outcome-invalid"); at != std::string::npos;
       at = body.find("outcome-invalid", at + 1))
    ++invalid;
  EXPECT_EQ(invalid, 2u) << "the NUL line and the bad-encoding line";

  Reply api = call("POST", "/api/ledger/confirmations", &finance_, csv, "text/csv");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_FALSE(api.json()->getValue<bool>("applied"));
  EXPECT_EQ(api.json()->getValue<int>("invalid"), 2);
  EXPECT_EQ(api.json()->getValue<int>("not_applied"), 1);
  EXPECT_EQ(api.json()->getValue<int>("matched"), 0);
  auto lines = api.json()->getArray("lines");
  ASSERT_EQ(lines->size(), 3u);
  EXPECT_EQ(lines->getObject(0)->getValue<std::string>("outcome"), "not_applied");
  EXPECT_EQ(lines->getObject(1)->getValue<std::string>("outcome"), "invalid");
  EXPECT_EQ(lines->getObject(2)->getValue<std::string>("outcome"), "invalid");
  auto sql = ScratchDatabase::runtime();
  long long payments = 0;
  *sql << "select count(*) from ledger_transactions where kind = 'payment'", soci::into(payments);
  EXPECT_EQ(payments, payments_before) << "no line of the file was applied";
  Reply verify = get("/api/ledger/verify", &auditor_);
  EXPECT_TRUE(verify.json()->getValue<bool>("ok"));
}

// A grant the ledger refused in the latest nightly run is listed on the finance page with its code.
TEST_F(ConsoleApi, TheFinancePageListsTheGrantsTheLedgerRefusedLastNight) {
  {
    auto sql = ScratchDatabase::runtime();
    jobs::JobRepository repo(*sql);
    jobs::LaunchOptions options;
    options.started_by = "nightly";
    auto launched = repo.launch({"nightly", "business_date=2024-12-30", "{}"}, options);
    ASSERT_EQ(launched.outcome, jobs::LaunchOutcome::launched);
    jobs::ItemFailure f;
    f.step_name = "post-grants";
    f.case_number = "（2024）冀0633司救执7号";
    f.document_kind = "relief-grant";
    f.error_code = "insufficient_funds";
    f.message = "（2024）冀0633司救执7号 insufficient_funds：冀0633 2024 年度救助资金不足";
    repo.record_failure(launched.execution_id, f);
    repo.finish(launched.execution_id, "completed", 3, "");
  }
  Reply page = get("/finance", &finance_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("id=\"refused-grants\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("台账拒绝过账的救助决定"), std::string::npos);
  EXPECT_NE(page.body.find("（2024）冀0633司救执7号"), std::string::npos);
  EXPECT_NE(page.body.find("<code>insufficient_funds</code>"), std::string::npos);
}

TEST_F(ConsoleApi, ConfirmationLinesAreReportedOneByOne) {
  std::string csv =
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0099,2024-12-31,100.00,REF-UNKNOWN\n"
      "冀0633-2024-JZ-0002,2024-12-31,1.00,REF-WRONG-AMOUNT\n";
  Reply r = call("POST", "/api/ledger/confirmations", &admin_, csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  auto lines = r.json()->getArray("lines");
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ(lines->getObject(0)->getValue<std::string>("outcome"), "unknown");
  EXPECT_EQ(lines->getObject(1)->getValue<std::string>("outcome"), "mismatched");
  EXPECT_FALSE(r.json()->getValue<bool>("all_good"));
}

TEST_F(ConsoleApi, AConfirmationUploadWithoutAFileOrWithTheWrongHeaderIs400) {
  Reply empty = call("POST", "/api/ledger/confirmations", &finance_, "", "text/csv");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.error(), "empty_file");
  Reply wrong = call("POST", "/api/ledger/confirmations", &finance_, "a,b,c\n1,2,3\n", "text/csv");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.error(), "bad_confirmation_file");
}

TEST_F(ConsoleApi, TransactionFiltersAreValidated) {
  EXPECT_EQ(get("/api/ledger/transactions?kind=gift", &finance_).error(), "bad_kind");
  EXPECT_EQ(get("/api/ledger/transactions?year=1999", &finance_).error(), "bad_year");
  EXPECT_EQ(get("/api/ledger/transactions?from=2024-13-01", &finance_).error(), "bad_date");
  Reply grants =
      get("/api/ledger/transactions?kind=grant&year=2024&applicant=" + app::web::url_encode("刘桂芳"),
          &finance_);
  ASSERT_EQ(grants.status, 200);
  EXPECT_EQ(grants.json()->getArray("transactions")->size(), 1u);
  Reply none = get("/api/ledger/transactions?from=2025-01-01", &finance_);
  EXPECT_EQ(none.json()->getArray("transactions")->size(), 0u);
}

TEST_F(ConsoleApi, ReportsDownloadAsCsvAndPdf) {
  Reply csv = get("/api/ledger/report.csv?year=2024", &finance_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.content_type.find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("# verify: ok"), std::string::npos);
  EXPECT_NE(csv.headers["Content-Disposition"].find("attachment"), std::string::npos);
  Reply pdf = get("/api/ledger/report.pdf?year=2024", &auditor_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(get("/api/ledger/report.csv", &finance_).error(), "bad_year");
  EXPECT_EQ(get("/api/ledger/report.csv?year=abc", &finance_).status, 400);
}

TEST_F(ConsoleApi, BalancesListTheFundAndEachApplicant) {
  Reply r = get("/api/ledger/balances?year=2024", &finance_);
  ASSERT_EQ(r.status, 200);
  EXPECT_GT(r.json()->getValue<long long>("fund_available_fen"), 0);
  EXPECT_GE(r.json()->getArray("accounts")->size(), 3u);
  EXPECT_EQ(get("/api/ledger/balances?year=20x4", &finance_).error(), "bad_year");
}

// ------------------------------------------------------------------ audit

TEST_F(ConsoleApi, EveryRequestIsAuditedWithWhoWhatWhenWhereAndResult) {
  Login l = login("管理员");
  get("/api/cases/999999", &l);
  post_json("/api/login", nullptr, "{\"name\":\"管理员\",\"password\":\"not-the-password\"}");
  EXPECT_GE(audit_count("管理员", "login", "ok"), 1);
  EXPECT_GE(audit_count("管理员", "cases.show", "not_found"), 1);
  // anonymous refusals are recorded too
  get("/api/ledger/verify", nullptr);
  EXPECT_GE(audit_count("", "unauthenticated", "unauthenticated"), 1);
  EXPECT_GE(audit_count("", "login", "bad_credentials"), 1);
}

TEST_F(ConsoleApi, OnlyAuditorsAndAdminsReadTheAuditLog) {
  Reply r = get("/api/audit?limit=10", &auditor_);
  ASSERT_EQ(r.status, 200);
  auto entries = r.json()->getArray("entries");
  ASSERT_GE(entries->size(), 1u);
  EXPECT_EQ(entries->getObject(0)->getValue<std::string>("remote_addr"), "127.0.0.1");
  EXPECT_EQ(get("/api/audit", &admin_).status, 200);
  EXPECT_EQ(get("/api/audit", &clerk_).status, 403);
  EXPECT_EQ(get("/api/audit", &finance_).status, 403);
  EXPECT_EQ(get("/api/audit?limit=-3", &auditor_).status, 400);
}

TEST_F(ConsoleApi, AnAuditorChangesNothing) {
  for (const char* path : {"/api/batches", "/api/ledger/confirmations", "/api/runs/1/restart"}) {
    Reply r = call("POST", path, &auditor_, "{}", "application/json");
    EXPECT_TRUE(r.status == 403 || r.status == 404) << path << " " << r.status;
    if (std::string(path) != "/api/runs/1/restart") {
      EXPECT_EQ(r.status, 403) << path;
    }
  }
}

// ------------------------------------------------------------------ sessions follow rights

TEST_F(ConsoleApi, AChangedPasswordEndsTheUsersSessions) {
  add_user("改密测试", "clerk");
  Login a = login("改密测试"), b = login("改密测试");
  ASSERT_EQ(get("/api/me", &a).status, 200);
  {
    auto sql = ScratchDatabase::runtime();
    ASSERT_TRUE(set_password_hash(*sql, "改密测试", app::web::hash_password(kPassword, 1000)));
  }
  EXPECT_EQ(get("/api/me", &a).status, 401);
  EXPECT_EQ(get("/api/me", &b).status, 401);
  EXPECT_EQ(get("/api/me", &a).error(), "unauthenticated");
  Login again = login("改密测试");
  EXPECT_EQ(get("/api/me", &again).status, 200);
}

TEST_F(ConsoleApi, ADemotedClerkLosesTheSessionAndCannotStartBatches) {
  add_user("降级测试", "clerk");
  Login clerk = login("降级测试");
  ASSERT_EQ(get("/api/me", &clerk).json()->getValue<std::string>("role"), "clerk");
  {
    auto sql = ScratchDatabase::runtime();
    set_user_role(*sql, "降级测试", "auditor");
  }
  Reply launch =
      post_json("/api/batches", &clerk, "{\"kind\":\"notice\",\"cases\":[\"" + kCase1 + "\"]}");
  EXPECT_EQ(launch.status, 401) << launch.body;
  Login auditor = login("降级测试");
  EXPECT_EQ(get("/api/me", &auditor).json()->getValue<std::string>("role"), "auditor");
  EXPECT_EQ(
      post_json("/api/batches", &auditor, "{\"kind\":\"notice\",\"cases\":[\"" + kCase1 + "\"]}")
          .status,
      403);
}

TEST_F(ConsoleApi, ADisabledUserIsLoggedOutAndCannotLogInUntilEnabled) {
  add_user("停用测试", "finance");
  Login l = login("停用测试");
  ASSERT_EQ(get("/api/ledger/verify", &l).status, 200);
  {
    auto sql = ScratchDatabase::runtime();
    ASSERT_TRUE(set_user_disabled(*sql, "停用测试", true));
  }
  EXPECT_EQ(get("/api/ledger/verify", &l).status, 401);
  Reply refused = post_json("/api/login", nullptr,
                            "{\"name\":\"停用测试\",\"password\":\"" + kPassword + "\"}");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error(), "user_disabled");
  EXPECT_EQ(refused.headers.count("Set-Cookie"), 0u);
  // a wrong password tells nothing about the account
  EXPECT_EQ(
      post_json("/api/login", nullptr, "{\"name\":\"停用测试\",\"password\":\"not-it-at-all\"}")
          .error(),
      "bad_credentials");
  {
    auto sql = ScratchDatabase::runtime();
    ASSERT_TRUE(set_user_disabled(*sql, "停用测试", false));
  }
  Login back = login("停用测试");
  EXPECT_EQ(get("/api/me", &back).status, 200);
}

// ------------------------------------------------------------------ bodies, slow clients

TEST_F(ConsoleApi, AHundredMegabyteChunkedLoginBodyIsRefusedEarly) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(send_chunked(server_->port(), "/login", 100LL << 20), 413);
  // refused after the login form's bound, not after reading 100 MB
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_GE(audit_rows("request", "too_large"), 1);
  // the server is fine afterwards
  EXPECT_EQ(get("/login", nullptr).status, 200);
}

TEST_F(ConsoleApi, AChunkedBodyOverTheBoundIsRefusedWithASessionToo) {
  Login l = login("陈静");
  EXPECT_EQ(send_chunked(server_->port(), "/api/batches", 11LL << 20, l.cookie, l.csrf), 413);
  // within the bound, a chunked body is read as usual
  EXPECT_EQ(send_chunked(server_->port(), "/api/batches", 65536, l.cookie, l.csrf), 400);
}

TEST_F(ConsoleApi, ADeclaredContentLengthOverTheBoundIsRefusedBeforeTheBody) {
  std::string answer = raw_exchange(
      server_->port(),
      "POST /login HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 104857600\r\n\r\nname=a");
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
}

TEST_F(ConsoleApi, HalfSentRequestsDoNotStarveOthersAndAreClosedAfterTheReadTimeout) {
  LocalServer local([](app::web::ServerOptions& o) { o.read_timeout_seconds = 2; });
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 14; ++i)
    slow.push_back(testing::half_sent(
        local.port(), i % 2
                          ? "GET /login HTTP/1.1\r\nHost: t\r\nX-Slow: "
                          : "POST /login HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\nname="));
  const auto asked = std::chrono::steady_clock::now();
  Reply r = call_at(local.port(), "GET", "/login");
  EXPECT_EQ(r.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(2));
  // one more trickles a byte every 300 ms: the deadline holds all the same
  auto trickle = testing::half_sent(local.port(), "GET /login HTTP/1.1\r\nX-A: ");
  bool trickle_closed = false;
  for (int i = 0; i < 30 && !trickle_closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    try {
      trickle->sendBytes("a", 1);
    } catch (const Poco::Exception&) {
      trickle_closed = true;
    }
    if (!trickle_closed && trickle->poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ))
      trickle_closed = testing::closed_by_server(*trickle, std::chrono::seconds(1));
  }
  EXPECT_TRUE(trickle_closed) << "a trickling client kept its connection past the deadline";
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(8));
  // the half-sent ones were closed by then as well
  for (auto& s : slow) EXPECT_TRUE(testing::closed_by_server(*s, std::chrono::seconds(3)));
}

TEST_F(ConsoleApi, ConnectionsOverTheLimitAreAnswered503AtOnce) {
  LocalServer local([](app::web::ServerOptions& o) {
    o.max_connections = 3;
    o.max_connections_per_address = 2;
  });
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> held;
  for (int i = 0; i < 2; ++i)
    held.push_back(std::make_unique<Poco::Net::StreamSocket>(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(local.port()))));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // both admitted
  const auto asked = std::chrono::steady_clock::now();
  std::string answer =
      raw_exchange(local.port(), "GET /login HTTP/1.1\r\nHost: t\r\n\r\n", std::chrono::seconds(5));
  EXPECT_EQ(answer.rfind("HTTP/1.1 503", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("server_busy"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(3));
  held.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(call_at(local.port(), "GET", "/login").status, 200);
}

// ------------------------------------------------------------------ the audit log

TEST_F(ConsoleApi, InvalidUtf8InAPathOrParameterIs400AndStillAudited) {
  Login l = login("陈静");
  Reply path = get("/api/cases/%FF", &l);
  EXPECT_EQ(path.status, 400);
  EXPECT_EQ(path.error(), "bad_request");
  EXPECT_GE(audit_count("陈静", "GET /api/cases/\xEF\xBF\xBD", "bad_request"), 1);
  // a name cut in the middle of a character (陈 is E9 99 88)
  Reply cut = get("/api/cases?number=%E9%99", &l);
  EXPECT_EQ(cut.status, 400);
  EXPECT_EQ(cut.error(), "bad_request");
  Reply page = get("/cases?number=%E9%99", &l);
  EXPECT_EQ(page.status, 400);
  Reply login_cut = call("POST", "/api/login", nullptr,
                         "{\"name\":\"\xE9\x99\",\"password\":\"whatever1\"}", "application/json");
  EXPECT_EQ(login_cut.status, 400);
  Reply form_cut = call("POST", "/login", nullptr, "name=%E9%99&password=x&csrf=y",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(form_cut.status, 400);
  EXPECT_GE(audit_count("", "POST /login", "bad_request"), 1);
}

TEST_F(ConsoleApi, ControlCharactersInFormTextsAre400) {
  Reply r = post_json("/api/batches", &clerk_,
                      "{\"kind\":\"notice\",\"court\":\"\\u0007冀0633\",\"year\":\"2024\"}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error(), "bad_request");
  // line breaks are text in a list of case numbers
  Reply list =
      post_json("/api/batches", &clerk_,
                "{\"kind\":\"no-such-kind\",\"cases\":\"" + kCase1 + "\\n" + kCase2 + "\"}");
  EXPECT_EQ(list.error(), "bad_kind");
}

TEST_F(ConsoleApi, AnAuditWriteThatFailsFailsTheRequestWith503) {
  Login l = login("李审计");
  {
    auto owner = ScratchDatabase::owner();
    *owner << "revoke insert on audit_log from zhixing_app";
  }
  Reply r = get("/api/me", &l);
  Reply page = get("/runs", &l);
  {
    auto owner = ScratchDatabase::owner();
    *owner << "grant insert on audit_log to zhixing_app";
  }
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.error(), "audit_unavailable");
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.body.find("audit_unavailable"), std::string::npos);
  EXPECT_EQ(get("/api/me", &l).status, 200);
}

// ------------------------------------------------------------------ CSRF, JSON, throttle, TLS

TEST_F(ConsoleApi, ACsrfTokenInTheQueryStringIsNotAccepted) {
  Login l = login("李审计");
  Reply r = call("POST", "/api/logout?csrf=" + l.csrf, &l, "", "", "");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error(), "csrf_missing");
  EXPECT_EQ(get("/api/me", &l).status, 200);  // still logged in
}

TEST_F(ConsoleApi, AJsonKeyWithAnEscapedNulIsBadJson) {
  Reply r = post_json("/api/batches", &clerk_,
                      "{\"kind\\u0000x\":\"notice\",\"cases\":[\"" + kCase1 + "\"]}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error(), "bad_json");
  Reply login_key =
      call("POST", "/api/login", nullptr,
           "{\"name\\u0000\":\"陈静\",\"password\":\"" + kPassword + "\"}", "application/json");
  EXPECT_EQ(login_key.status, 400);
  EXPECT_EQ(login_key.error(), "bad_json");
  // an escaped backslash before "u0000" is ordinary text
  Reply text = post_json("/api/batches", &clerk_,
                         "{\"kind\":\"no-such\\\\u0000kind\",\"cases\":[\"" + kCase1 + "\"]}");
  EXPECT_EQ(text.error(), "bad_kind");
}

TEST_F(ConsoleApi, OneAddressSprayingNamesIsThrottledAcrossNames) {
  LocalServer local;
  const int per_address = local.console->web_settings().login_max_failures_per_address;
  int refused_at = -1;
  for (int i = 0; i < 30 && refused_at < 0; ++i) {
    Reply r = local.login("喷洒" + std::to_string(i), "wrong-password-" + std::to_string(i));
    if (r.status == 429)
      refused_at = i;
    else
      EXPECT_EQ(r.status, 401);
  }
  EXPECT_EQ(refused_at, per_address);
  // a real user from that address is held back too
  EXPECT_EQ(local.login("陈静", kPassword).status, 429);
  // the same names from the main server's console (its own counts) are not affected
  EXPECT_EQ(
      post_json("/api/login", nullptr, "{\"name\":\"陈静\",\"password\":\"" + kPassword + "\"}")
          .status,
      200);
}

TEST_F(ConsoleApi, ConcurrentWrongPasswordsCannotSlipPastTheLimit) {
  add_user("并发测试", "clerk");
  LocalServer local;
  const int limit = local.console->web_settings().login_max_failures;
  std::vector<std::thread> threads;
  std::atomic<int> unauthorised{0}, throttled{0};
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      Reply r = local.login("并发测试", "wrong-" + std::to_string(i));
      if (r.status == 401) ++unauthorised;
      if (r.status == 429) ++throttled;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(unauthorised.load(), limit);
  EXPECT_EQ(throttled.load(), 16 - limit);
}

TEST_F(ConsoleApi, AnUnknownNameCostsAsMuchAsAWrongPassword) {
  LocalServer local;
  const int iterations = local.console->web_settings().pbkdf2_iterations;
  add_user("计时测试", "clerk", iterations);
  auto timed = [&](const std::string& name) {
    std::vector<double> ms;
    for (int i = 0; i < 3; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      EXPECT_EQ(local.login(name, "wrong-password-" + std::to_string(i)).status, 401);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[1];
  };
  double known = timed("计时测试"), unknown = timed("没有这个人"), no_password = timed("无密码");
  // the PBKDF2 work dominates both: without the decoy hash an unknown name answers in ~1 ms
  EXPECT_GT(unknown, known * 0.5) << "known " << known << " ms, unknown " << unknown << " ms";
  EXPECT_GT(no_password, known * 0.5) << "known " << known << " ms, no password " << no_password;
}

TEST_F(ConsoleApi, HttpsWithASelfSignedCertificateSetsSecureCookies) {
  const std::filesystem::path dir = out_dir_ / "tls";
  std::filesystem::create_directories(dir);
  auto made = testing::run_shell(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout " +
      (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string());
  ASSERT_EQ(made.exit_code, 0) << made.out;
  LocalServer local([&](app::web::ServerOptions& o) {
    o.tls_certificate_file = (dir / "cert.pem").string();
    o.tls_key_file = (dir / "key.pem").string();
  });
  EXPECT_TRUE(local.server->tls());
  Poco::Net::Context::Ptr client = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                          Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession https("127.0.0.1", static_cast<Poco::UInt16>(local.port()), client);
  Reply r = call_on(https, "POST", "/api/login", nullptr,
                    "{\"name\":\"陈静\",\"password\":\"" + kPassword + "\"}", "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.headers["Set-Cookie"].find("; Secure"), std::string::npos) << r.headers["Set-Cookie"];
  EXPECT_NE(r.headers["Strict-Transport-Security"].find("max-age="), std::string::npos);
  Login l = session_of(r);
  Poco::Net::HTTPSClientSession again("127.0.0.1", static_cast<Poco::UInt16>(local.port()), client);
  EXPECT_EQ(call_on(again, "GET", "/api/me", &l).status, 200);
  // plain HTTP to the HTTPS port gets no page
  std::string plain =
      raw_exchange(local.port(), "GET /login HTTP/1.1\r\nHost: t\r\n\r\n", std::chrono::seconds(5));
  EXPECT_EQ(plain.find("登录"), std::string::npos);
  // and over plain HTTP the cookie is not marked Secure
  Reply http =
      post_json("/api/login", nullptr, "{\"name\":\"陈静\",\"password\":\"" + kPassword + "\"}");
  EXPECT_EQ(http.headers["Set-Cookie"].find("Secure"), std::string::npos);
}

}  // namespace
}  // namespace zhixing

// ------------------------------------------------------------------ the public verify page

namespace zhixing {
namespace {

TEST_F(ConsoleApi, TheVerifyPageIsOpenWithoutALogin) {
  Reply page = get("/verify", nullptr);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("文书核验"), std::string::npos);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_EQ(page.body.find("/logout"), std::string::npos) << "no session, no navigation";
  // the rest of the console still asks for a login
  EXPECT_EQ(get("/api/runs", nullptr).status, 401);
}

TEST_F(ConsoleApi, TheVerifyPageTakesUploadsUpTo20MegabytesWithoutASession) {
  // over the session bound (10 MB) and far over the anonymous one (64 KB): read and answered
  const std::string eleven_mb(11u << 20, 'x');
  Reply big = call("POST", "/api/verify", nullptr, eleven_mb, "application/pdf");
  EXPECT_NE(big.status, 413) << big.body.substr(0, 200);
  // over 20 MB: refused before the body
  std::string answer = raw_exchange(
      server_->port(),
      "POST /api/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/pdf\r\n"
      "Content-Length: 20971521\r\n\r\n%PDF-");
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
  EXPECT_EQ(send_chunked(server_->port(), "/verify", 21LL << 20), 413);
}

TEST_F(ConsoleApi, TheVerifyPageLimitsRequestsPerAddress) {
  setenv("ZHIXING_WEB_VERIFY_MAX_PER_ADDRESS", "3", 1);
  LocalServer local;
  unsetenv("ZHIXING_WEB_VERIFY_MAX_PER_ADDRESS");
  for (int i = 0; i < 3; ++i) {
    Reply r = call_at(local.port(), "POST", "/api/verify", nullptr, "not a pdf", "application/pdf");
    EXPECT_NE(r.status, 429) << i;
  }
  Reply refused = call_at(local.port(), "POST", "/api/verify", nullptr, "not a pdf",
                          "application/pdf");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.error(), "rate_limited");
  // the form itself stays reachable, and the limit is per server's window, not global
  EXPECT_EQ(call_at(local.port(), "GET", "/verify").status, 200);
  EXPECT_GE(audit_rows("verify", "rate_limited"), 1);
}

}  // namespace
}  // namespace zhixing
