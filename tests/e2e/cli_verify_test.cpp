// `zhixing verify FILE…` as a party's lawyer or a clerk runs it on served documents: exit 0 when
// every file is genuine (printing case number with 之N, kind and date), 4 when any is not (naming
// why), 1 when it cannot check. The documents are sealed by the test run's SoftHSM2 token.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
namespace fs = std::filesystem;
using Output = testing::CommandResult;

Output zhixing(const std::string& args) { return testing::run_zhixing(ZHIXING_BINARY, args); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-verify-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    LineOptions o;
    // two freezes: the second ruling carries 之一
    o.measures =
        R"([{"kind":"notice","on":"2024-03-06","against":"r1"},)"
        R"({"kind":"freeze","on":"2024-03-20","against":"r1","amount":"36000","target":"中国邮政储蓄银行易县支行","period":"1y"},)"
        R"({"kind":"freeze","on":"2024-05-08","against":"r1","amount":"12000","target":"中国农业银行易县支行","period":"1y"}])";
    std::ofstream(dir_ / "in.jsonl") << case_line(o) << "\n";
    Output r = zhixing("import " + (dir_ / "in.jsonl").string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    out_ = dir_ / "out";
    for (const char* kind : {"notice", "ruling-freeze"}) {
      Output d = zhixing(std::string("docs --kind ") + kind + " --case （2024）冀0633执1号 --out " +
                         out_.string());
      ASSERT_EQ(d.exit_code, 0) << d.out;
    }
    case_dir_ = out_ / "冀0633" / "2024" / "（2024）冀0633执1号";
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_, out_, case_dir_;
};

TEST_F(CliVerify, IssuedDocumentsAreGenuineAndSayWhatTheyAre) {
  const fs::path notice = case_dir_ / "notice-2024-03-06-1.pdf";
  const fs::path second = case_dir_ / "ruling-freeze-2024-05-08-1.pdf";
  ASSERT_TRUE(fs::exists(notice));
  ASSERT_TRUE(fs::exists(second));
  Output r = zhixing("verify " + notice.string() + " " + second.string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("真实有效"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("执行通知书"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-03-06"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("（2024）冀0633执1号之一"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("执行裁定书"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-05-08"), std::string::npos) << r.out;
}

TEST_F(CliVerify, OneChangedByteOrAnUnsignedFileIsNotGenuine) {
  const fs::path notice = case_dir_ / "notice-2024-03-06-1.pdf";
  std::string bytes = slurp(notice);
  const auto at = bytes.find("/Type");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] = bytes[at + 1] == 'T' ? 'X' : 'T';
  std::ofstream(dir_ / "tampered.pdf", std::ios::binary) << bytes;
  std::ofstream(dir_ / "plain.pdf", std::ios::binary) << "%PDF-1.4\n%%EOF\n";

  Output r = zhixing("verify " + notice.string() + " " + (dir_ / "tampered.pdf").string());
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("真实有效"), std::string::npos) << "the genuine one is still named";
  EXPECT_TRUE(r.out.find("modified") != std::string::npos ||
              r.out.find("not_pdf") != std::string::npos ||
              r.out.find("bad_signature") != std::string::npos)
      << r.out;

  Output plain = zhixing("verify " + (dir_ / "plain.pdf").string());
  EXPECT_EQ(plain.exit_code, 4) << plain.out;
  EXPECT_TRUE(plain.out.find("unsigned_document") != std::string::npos ||
              plain.out.find("not_pdf") != std::string::npos)
      << plain.out;
}

TEST_F(CliVerify, AGenuinelySealedFileTheCourtNeverIssuedIsNotGenuine) {
  // The document's row is gone (a file sealed elsewhere with the court's key but not on record):
  // the signature checks, the register does not.
  const fs::path notice = case_dir_ / "notice-2024-03-06-1.pdf";
  auto sql = ScratchDatabase::owner();
  *sql << "update work_items set document_id = null";
  *sql << "delete from documents where kind = 'notice'";
  Output r = zhixing("verify " + notice.string());
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("not_issued"), std::string::npos) << r.out;
}

TEST_F(CliVerify, AMissingFileCannotBeChecked) {
  Output r = zhixing("verify " + (dir_ / "no-such.pdf").string());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("无法读取"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace zhixing
