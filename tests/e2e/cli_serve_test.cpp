// `zhixing users passwd` and `zhixing serve` as an administrator runs them.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "app/web/password.h"
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

class CliServe : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-serve-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

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
  EXPECT_TRUE(web::verify_password("Finance-Pass-1", hash));
  EXPECT_FALSE(web::verify_password("Finance-Pass-2", hash));
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
  auto started =
      testing::run_shell("ZHIXING_DB_NAME=" + ScratchDatabase::target().name + " " +
                         ZHIXING_BINARY + " serve --port 0 > " + log.string() + " 2>&1 & echo $!");
  int pid = std::stoi(started.out);
  // never leave a server behind, whatever fails below
  struct Stop {
    int pid;
    ~Stop() { ::kill(pid, SIGKILL); }
  } stop_at_end{pid};
  std::smatch m;
  std::string text;
  std::regex url(R"(http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 300 && !std::regex_search(text, m, url); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    text = read_file(log);
  }
  ASSERT_TRUE(std::regex_search(text, m, url)) << text;
  int port = std::stoi(m[1]);
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

}  // namespace
}  // namespace zhixing
