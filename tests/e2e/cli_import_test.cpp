// The zhixing binary as a user runs it: demo data, import, re-import, rejects, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;
namespace fs = std::filesystem;

using CliResult = testing::CommandResult;

CliResult zhixing(const std::string& args) { return testing::run_zhixing(ZHIXING_BINARY, args); }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliImport : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-e2e-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(CliImport, GeneratedFileImportsCleanlyAndReimportChangesNothing) {
  CliResult gen = zhixing("demo-data --cases 300 --out " + path("demo.jsonl"));
  ASSERT_EQ(gen.exit_code, 0) << gen.out;
  CliResult first = zhixing("import " + path("demo.jsonl") + " --rejects " + path("rejects.jsonl"));
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("拒绝 0 行"), std::string::npos) << first.out;
  EXPECT_EQ(read_file(path("rejects.jsonl")), "");

  auto sql = ScratchDatabase::runtime();
  long long cases = 0;
  *sql << "select count(*) from cases", soci::into(cases);
  EXPECT_GE(cases, 300);

  CliResult second = zhixing("import " + path("demo.jsonl"));
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("新增 0 件"), std::string::npos) << second.out;
  long long after = 0;
  *sql << "select count(*) from cases", soci::into(after);
  EXPECT_EQ(after, cases);
}

TEST_F(CliImport, RejectedLinesAreReportedWithLineCodeFieldAndExit3) {
  CliResult gen = zhixing("demo-data --cases 3 --out " + path("demo.jsonl"));
  ASSERT_EQ(gen.exit_code, 0) << gen.out;
  std::string content = read_file(path("demo.jsonl"));
  std::string first_line = content.substr(0, content.find('\n'));
  // Break the first party's ID number check character in a copy of line 1.
  std::string broken = first_line;
  size_t k = broken.find("\"id_number\":\"");
  ASSERT_NE(k, std::string::npos);
  size_t check = k + 13 + 17;
  broken[check] = broken[check] == '0' ? '1' : '0';
  std::ofstream(path("bad.jsonl")) << first_line << "\n" << broken << "\n{\"schema\":1}\n";

  CliResult r = zhixing("import " + path("bad.jsonl") + " --rejects " + path("rejects.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("line 2: bad_id_number parties["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 3: "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(broken.substr(k + 13, 18)), std::string::npos)
      << "a full ID number must never be printed";

  std::istringstream rejects(read_file(path("rejects.jsonl")));
  std::string line;
  std::vector<Poco::JSON::Object::Ptr> objects;
  while (std::getline(rejects, line)) {
    Poco::JSON::Parser parser;
    objects.push_back(parser.parse(line).extract<Poco::JSON::Object::Ptr>());
  }
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0]->getValue<int>("line"), 2);
  EXPECT_EQ(objects[0]->getValue<std::string>("code"), "bad_id_number");
  EXPECT_EQ(objects[0]->getValue<std::string>("field").rfind("parties[", 0), 0u);
  EXPECT_FALSE(objects[0]->isNull("case_number"));
  EXPECT_EQ(objects[1]->getValue<int>("line"), 3);
  EXPECT_TRUE(objects[1]->isNull("case_number"));
}

TEST_F(CliImport, EmptyFileIsZeroLinesAndExit0) {
  std::ofstream(path("empty.jsonl")).close();
  CliResult r = zhixing("import " + path("empty.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("共 0 行"), std::string::npos) << r.out;
}

TEST_F(CliImport, BinaryFileIsRejectedLineByLineWithoutCrashing) {
  std::string bytes;
  for (int i = 0; i < 20000; ++i) bytes += static_cast<char>((i * 7919) % 256);
  std::ofstream(path("binary.jsonl"), std::ios::binary) << bytes;
  CliResult r = zhixing("import " + path("binary.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("bad_encoding"), std::string::npos) << r.out;
}

TEST_F(CliImport, UnreadableFileExits1AndUsageErrorsExit2) {
  CliResult missing = zhixing("import " + path("nope.jsonl"));
  EXPECT_EQ(missing.exit_code, 1) << missing.out;
  EXPECT_NE(missing.out.find("无法读取"), std::string::npos) << missing.out;
  EXPECT_EQ(zhixing("import").exit_code, 2);
  EXPECT_EQ(zhixing("import a b c --no-such-flag").exit_code, 2);
  EXPECT_EQ(zhixing("users add 某人 --role emperor").exit_code, 2);
}

TEST_F(CliImport, EveryCommandHasHelp) {
  for (const char* cmd : {"", "db", "import", "demo-data", "users", "nightly"}) {
    CliResult r = zhixing(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd << ": " << r.out;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
}

TEST_F(CliImport, UsersAreRecordedWithTheirRole) {
  ASSERT_EQ(zhixing("users add 陈静 --role clerk").exit_code, 0);
  ASSERT_EQ(zhixing("users add 陈静 --role admin").exit_code, 0);
  CliResult list = zhixing("users list");
  EXPECT_NE(list.out.find("陈静\tadmin"), std::string::npos) << list.out;
}

}  // namespace
}  // namespace zhixing

namespace zhixing {
namespace {

// CLI flag texts that reach the database are checked where they enter (valid UTF-8,
// no control character, bounded length): a usage error (exit 2) naming the code, nothing stored.
TEST_F(CliImport, FlagTextsThatReachTheDatabaseAreValidated) {
  const std::string bad_file = path("cases\x01.jsonl");
  std::ofstream(bad_file) << "";
  CliResult import = zhixing("import '" + bad_file + "'");
  EXPECT_EQ(import.exit_code, 2) << import.out;
  EXPECT_NE(import.out.find("control_character"), std::string::npos) << import.out;

  CliResult user = zhixing("users add \"$(printf '\\377\\376')\" --role clerk");
  EXPECT_EQ(user.exit_code, 2) << user.out;
  EXPECT_NE(user.out.find("bad_encoding"), std::string::npos) << user.out;
  CliResult long_name = zhixing("users add " + std::string(500, 'a') + " --role clerk");
  EXPECT_EQ(long_name.exit_code, 2) << long_name.out;
  EXPECT_NE(long_name.out.find("too_long"), std::string::npos) << long_name.out;
  CliResult nightly = zhixing("nightly --date 2024-12-31 --user \"$(printf 'a\\tb')\"");
  EXPECT_EQ(nightly.exit_code, 2) << nightly.out;

  auto sql = ScratchDatabase::runtime();
  long long runs = 0, users = 0;
  *sql << "select count(*) from import_runs", soci::into(runs);
  *sql << "select count(*) from users", soci::into(users);
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(users, 0);
}

// An ID number typed into another field is never printed in full in the rejection message
// (`…如汉族：130623198203120911`): not on the terminal, in --rejects or in the quarantine.
TEST_F(CliImport, RejectionMessagesMaskIdNumbers) {
  CliResult gen = zhixing("demo-data --cases 1 --out " + path("demo.jsonl"));
  ASSERT_EQ(gen.exit_code, 0) << gen.out;
  std::string line = read_file(path("demo.jsonl"));
  line = line.substr(0, line.find('\n'));
  const size_t k = line.find("\"ethnicity\":\"");
  ASSERT_NE(k, std::string::npos);
  const size_t end = line.find('"', k + 13);
  const std::string id = "130623198203120911";
  line.replace(k + 13, end - (k + 13), id);
  std::ofstream(path("id.jsonl")) << line << "\n";
  CliResult r = zhixing("import " + path("id.jsonl") + " --rejects " + path("rejects.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("bad_value"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(id), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("130623********0911"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(path("rejects.jsonl")).find(id), std::string::npos);
  auto sql = ScratchDatabase::runtime();
  std::string message;
  *sql << "select message from quarantine", soci::into(message);
  EXPECT_EQ(message.find(id), std::string::npos) << message;
}

}  // namespace
}  // namespace zhixing
