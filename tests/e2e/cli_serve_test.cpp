// `zhixing users passwd` and `zhixing serve` as an administrator runs them.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "app/web/password.h"
#include "support/raw_http.h"
#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;
namespace fs = std::filesystem;

testing::CommandResult zhixing(const std::string& args) {
  return testing::run_zhixing(ZHIXING_BINARY, args);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Never leaves a server behind, whatever fails in a test.
struct KillAtEnd {
  int pid;
  ~KillAtEnd() { ::kill(pid, SIGKILL); }
};

class CliServe : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-serve-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  long long credential_version(const std::string& name) {
    auto sql = ScratchDatabase::runtime();
    long long v = 0;
    std::string n = name;
    *sql << "select credential_version::bigint from users where name = :n", soci::use(n),
        soci::into(v);
    return v;
  }

  // `zhixing serve --port 0` in the background with `env`; its pid and port.
  std::pair<int, int> start_server(const std::string& env, const fs::path& log) {
    auto started = testing::run_shell(env + " ZHIXING_DB_NAME=" + ScratchDatabase::target().name +
                                      " " + ZHIXING_BINARY + " serve --port 0 > " + log.string() +
                                      " 2>&1 & echo $!");
    int pid = std::stoi(started.out);
    std::smatch m;
    std::string text;
    std::regex url(R"(http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 300 && !std::regex_search(text, m, url); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      text = read_file(log);
    }
    return {pid, std::regex_search(text, m, url) ? std::stoi(m[1]) : 0};
  }

  std::string password_hash(const std::string& name) {
    auto sql = ScratchDatabase::runtime();
    std::string hash;
    soci::indicator ind;
    std::string n = name;
    *sql << "select password_hash from users where name = :n", soci::use(n), soci::into(hash, ind);
    return ind == soci::i_ok ? hash : "";
  }

  fs::path dir_;
};

TEST_F(CliServe, PasswdReadsThePasswordFromStdinAndStoresASaltedPbkdf2Hash) {
  ASSERT_EQ(zhixing("users add 王会计 --role finance").exit_code, 0);
  std::ofstream(dir_ / "pw") << "Finance-Pass-1\n";
  auto r = zhixing("users passwd 王会计 --password-stdin < " + (dir_ / "pw").string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("已设置用户 王会计 的密码"), std::string::npos) << r.out;
  std::string hash = password_hash("王会计");
  EXPECT_EQ(hash.rfind("pbkdf2-sha256$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("Finance-Pass-1"), std::string::npos);
  EXPECT_TRUE(app::web::verify_password("Finance-Pass-1", hash));
  EXPECT_FALSE(app::web::verify_password("Finance-Pass-2", hash));
  EXPECT_NE(zhixing("users list").out.find("王会计\tfinance\t有密码"), std::string::npos);
}

TEST_F(CliServe, PasswdRefusesAnUnknownUserAndAShortPassword) {
  std::ofstream(dir_ / "pw") << "Long-enough-1\n";
  std::ofstream(dir_ / "short") << "short\n";
  auto unknown = zhixing("users passwd 没有此人 --password-stdin < " + (dir_ / "pw").string());
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out;
  EXPECT_NE(unknown.out.find("unknown_user"), std::string::npos) << unknown.out;
  ASSERT_EQ(zhixing("users add 陈静 --role clerk").exit_code, 0);
  auto short_pw = zhixing("users passwd 陈静 --password-stdin < " + (dir_ / "short").string());
  EXPECT_EQ(short_pw.exit_code, 2) << short_pw.out;
  EXPECT_EQ(password_hash("陈静"), "");
}

TEST_F(CliServe, ServeAnswersOnTheGivenPortAndStopsOnSigterm) {
  fs::path log = dir_ / "serve.log";
  auto [pid, port] = start_server("", log);
  KillAtEnd stop_at_end{pid};
  ASSERT_GT(port, 0) << read_file(log);
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request("GET", "/login");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  EXPECT_EQ(response.getStatus(), 200);
  EXPECT_NE(body.find("登录"), std::string::npos);

  ::kill(pid, SIGTERM);
  for (int i = 0; i < 100 && read_file(log).find("正在停止") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_NE(read_file(log).find("正在停止"), std::string::npos) << read_file(log);
}

TEST_F(CliServe, ADisabledUserIsRefusedAsUserOnTheCommandLineUntilEnabled) {
  ASSERT_EQ(zhixing("users add 陈静 --role clerk").exit_code, 0);
  auto disabled = zhixing("users disable 陈静");
  ASSERT_EQ(disabled.exit_code, 0) << disabled.out;
  EXPECT_NE(zhixing("users list").out.find("陈静\tclerk\t\t已停用"), std::string::npos);
  for (const std::string& command :
       {std::string("docs --kind notice --case （2024）冀0633执1号 --out ") + dir_.string() +
            " --user 陈静",
        std::string("nightly --date 2024-12-31 --user 陈静"),
        std::string("ledger post --key X --court 冀0633 --year 2024 --amount 1 --user 陈静")}) {
    auto r = zhixing(command);
    EXPECT_EQ(r.exit_code, 3) << command << "\n" << r.out;
    EXPECT_NE(r.out.find("user_disabled"), std::string::npos) << command << "\n" << r.out;
  }
  ASSERT_EQ(zhixing("users enable 陈静").exit_code, 0);
  EXPECT_NE(zhixing("users list").out.find("陈静\tclerk\t\n"), std::string::npos);
  auto enabled = zhixing("docs --kind notice --case （2024）冀0633执1号 --out " + dir_.string() +
                         " --user 陈静");
  EXPECT_EQ(enabled.out.find("user_disabled"), std::string::npos) << enabled.out;
  auto unknown = zhixing("users disable 没有此人");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("unknown_user"), std::string::npos);
}

TEST_F(CliServe, PasswdARoleChangeAndDisablingEachEndTheUsersSessions) {
  ASSERT_EQ(zhixing("users add 王会计 --role finance").exit_code, 0);
  long long v0 = credential_version("王会计");
  std::ofstream(dir_ / "pw") << "Finance-Pass-1\n";
  ASSERT_EQ(zhixing("users passwd 王会计 --password-stdin < " + (dir_ / "pw").string()).exit_code,
            0);
  EXPECT_EQ(credential_version("王会计"), v0 + 1);
  ASSERT_EQ(zhixing("users add 王会计 --role finance").exit_code, 0);  // same role: no change
  EXPECT_EQ(credential_version("王会计"), v0 + 1);
  ASSERT_EQ(zhixing("users add 王会计 --role auditor").exit_code, 0);
  EXPECT_EQ(credential_version("王会计"), v0 + 2);
  ASSERT_EQ(zhixing("users disable 王会计").exit_code, 0);
  EXPECT_EQ(credential_version("王会计"), v0 + 3);
}

// Oversized bodies and slow clients against the served binary: eight 100 MB chunked bodies at once
// and sixteen half-sent requests; the login page still answers at once and the process stays small.
TEST_F(CliServe, UnderAbuseTheServerAnswersAndItsMemoryStaysBounded) {
  fs::path log = dir_ / "serve.log";
  auto [pid, port] = start_server("ZHIXING_WEB_READ_TIMEOUT_SECONDS=3", log);
  KillAtEnd stop_at_end{pid};
  ASSERT_GT(port, 0) << read_file(log);

  std::vector<std::thread> floods;
  std::vector<int> statuses(8, -1);
  for (int i = 0; i < 8; ++i)
    floods.emplace_back(
        [&, i] { statuses[i] = testing::send_chunked(port, "/login", 100LL << 20); });
  for (auto& t : floods) t.join();
  for (int status : statuses) EXPECT_EQ(status, 413);

  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 16; ++i)
    slow.push_back(testing::half_sent(port,
                                      "POST /login HTTP/1.1\r\nHost: t\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n10000\r\nname="));
  const auto asked = std::chrono::steady_clock::now();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request("GET", "/login");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  const double answered_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked).count();
  EXPECT_EQ(response.getStatus(), 200);
  EXPECT_LT(answered_ms, 2000.0);
  for (auto& s : slow) EXPECT_TRUE(testing::closed_by_server(*s, std::chrono::seconds(6)));

  // the process's peak resident memory over all of it
  std::string status = read_file("/proc/" + std::to_string(pid) + "/status");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(status, m, std::regex(R"(VmHWM:\s+(\d+) kB)"))) << status;
  const long long peak_kb = std::stoll(m[1]);
  std::cout << "[ figures  ] zhixing serve under abuse: peak RSS " << peak_kb / 1024 << " MiB, "
            << "GET /login answered in " << static_cast<int>(answered_ms) << " ms\n";
  RecordProperty("serve_peak_rss_kib", std::to_string(peak_kb));
  EXPECT_LT(peak_kb, 96 * 1024) << "eight 100 MB bodies must not be held";
}

}  // namespace
}  // namespace zhixing
