// zhixing seal init|status|rotate as a user runs them, on the run's SoftHSM2 token
// (support/seal_token.h) or, for the tests that change a token, on one of their own.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/date.h"
#include "support/seal_token.h"
#include "support/shell.h"

namespace zhixing::testing {
namespace {

namespace fs = std::filesystem;

CommandResult seal(const std::string& args, const std::string& env = "") {
  return run_shell(env + " " + std::string(ZHIXING_BINARY) + " seal " + args);
}

// Every file under `dir`: its content, and for the seal folder's own files (not the token's) its
// modification time. SoftHSM2 touches its lock files and rewrites token.object (its login
// counters) at each login: those count by name only.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = fs::relative(e.path(), dir).string();
    bool in_token = name.rfind("tokens/", 0) == 0;
    if (in_token && (e.path().extension() == ".lock" || e.path().filename() == "token.object")) {
      files[name] = "";
      continue;
    }
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    files[name] = content.str();
    if (!in_token) files[name] += std::to_string(e.last_write_time().time_since_epoch().count());
  }
  return files;
}

// The names of the files that differ between two snapshots.
std::string changed_files(const std::map<std::string, std::string>& a,
                          const std::map<std::string, std::string>& b) {
  std::string names;
  for (const auto& [name, v] : a)
    if (!b.count(name) || b.at(name) != v) names += name + " ";
  for (const auto& [name, v] : b)
    if (!a.count(name)) names += name + " ";
  return names;
}

std::string fingerprint_in(const std::string& out) {
  std::smatch m;
  std::regex re("  SHA-256 指纹：([0-9a-f]{64})");
  return std::regex_search(out, m, re) ? m[1].str() : std::string();
}

// A token of this test's own (removed when the test ends).
struct OwnToken {
  SealToken token;
  explicit OwnToken(const std::string& name)
      : token(make_seal_token(test_seal_folder() / (name + "-" + std::to_string(getpid())))) {}
  ~OwnToken() {
    std::error_code ec;
    fs::remove_all(token.dir, ec);
  }
};

TEST(CliSeal, InitTwiceChangesNoFileAndKeepsTheFingerprint) {
  const SealToken& t = test_seal_token();
  CommandResult before_status = seal("status");
  ASSERT_EQ(before_status.exit_code, 0) << before_status.out;
  auto before = snapshot(t.dir);
  CommandResult again = seal("init --valid-from 2024-01-01");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("本次无任何变化"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("已生成"), std::string::npos) << again.out;
  EXPECT_EQ(changed_files(before, snapshot(t.dir)), "");
  EXPECT_EQ(fingerprint_in(seal("status").out), fingerprint_in(before_status.out));
  EXPECT_FALSE(fingerprint_in(before_status.out).empty()) << before_status.out;
}

TEST(CliSeal, StatusShowsModuleTokenKeyCertificateAndValidity) {
  const SealToken& t = test_seal_token();
  CommandResult r = seal("status");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  for (const char* expected :
       {"PKCS#11 模块：/usr/lib/softhsm/libsofthsm2.so", "令牌：zhixing（SoftHSM",
        "印章密钥：court-seal（RSA 3072 位",
        "主体：CN=河北省易县人民法院电子印章, O=河北省易县人民法院, C=CN",
        "签发者：CN=河北省易县人民法院电子印章根证书, O=河北省易县人民法院, C=CN",
        "有效期：2024-01-01 至 2028-12-31", "已保存证书：1 份印章证书", "1 份根证书"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  // The fingerprint is the SHA-256 of the kept certificate, named after it.
  std::string fp = fingerprint_in(r.out);
  ASSERT_TRUE(fs::exists(t.dir / "certs" / (fp + ".pem"))) << r.out;
  CommandResult digest =
      run_shell("openssl x509 -in '" + (t.dir / "certs" / (fp + ".pem")).string() +
                "' -outform der | sha256sum");
  EXPECT_EQ(digest.out.substr(0, 64), fp);
  bool valid = !(Date::parse_iso("2028-12-31").value() < local_today());
  EXPECT_NE(r.out.find("今日（" + local_today().iso() + "）：" + (valid ? "有效" : "已过期")),
            std::string::npos)
      << r.out;
}

TEST(CliSeal, PinFileReadableByOthersIsRefused) {
  const SealToken& t = test_seal_token();
  fs::path open_pin = test_seal_folder() / ("pin-0644-" + std::to_string(getpid()));
  std::ofstream(open_pin) << t.pin << "\n";
  fs::permissions(open_pin, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
  CommandResult r = seal("status", "ZHIXING_SEAL_PIN_FILE='" + open_pin.string() + "'");
  fs::remove(open_pin);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("token_unavailable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(open_pin.string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("chmod 600"), std::string::npos) << r.out;
}

TEST(CliSeal, PinFromTheEnvironmentWorksAndAWrongOneIsRefused) {
  const SealToken& t = test_seal_token();
  CommandResult r =
      seal("status", "ZHIXING_SEAL_PIN_FILE=/nonexistent/pin ZHIXING_SEAL_PIN=" + t.pin);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("RSA 3072 位"), std::string::npos) << r.out;
  CommandResult none = seal("status", "ZHIXING_SEAL_PIN_FILE=/nonexistent/pin");
  EXPECT_EQ(none.exit_code, 1) << none.out;
  EXPECT_NE(none.out.find("token_unavailable"), std::string::npos) << none.out;
  EXPECT_NE(none.out.find("/nonexistent/pin"), std::string::npos) << none.out;
}

TEST(CliSeal, NoFlagAcceptsAPin) {
  const SealToken& t = test_seal_token();
  for (const char* sub : {"init", "status", "rotate"})
    for (const std::string flag : {"--pin ", "--pin=", "--so-pin "}) {
      CommandResult r = seal(std::string(sub) + " " + flag + t.pin);
      EXPECT_EQ(r.exit_code, 2) << sub << " " << flag << "\n" << r.out;
    }
  EXPECT_EQ(seal("status").exit_code, 0);  // the token is as it was
}

TEST(CliSeal, NotSetUpFailsWithACode) {
  CommandResult no_token = seal("status", "ZHIXING_SEAL_TOKEN_LABEL=no-such-token");
  EXPECT_EQ(no_token.exit_code, 1) << no_token.out;
  EXPECT_NE(no_token.out.find("错误：token_unavailable："), std::string::npos) << no_token.out;
  EXPECT_NE(no_token.out.find("no-such-token"), std::string::npos) << no_token.out;
  // A key without a certificate: this test's own token, with one more key pair and no
  // certificate for it.
  OwnToken own("nocert");
  CommandResult keygen = run_shell(
      "SOFTHSM2_CONF='" + own.token.conf.string() +
      "' pkcs11-tool --module /usr/lib/softhsm/libsofthsm2.so --token-label zhixing --login "
      "--pin " +
      own.token.pin + " --keypairgen --key-type rsa:2048 --label uncertified");
  ASSERT_EQ(keygen.exit_code, 0) << keygen.out;
  CommandResult r = seal("status", own.token.env() + " ZHIXING_SEAL_KEY_LABEL=uncertified");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("错误：no_certificate："), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("zhixing seal init"), std::string::npos) << r.out;
}

TEST(CliSeal, RotateKeepsTheOldCertificateAndMakesANewCurrentOne) {
  OwnToken own("rotate");
  const SealToken& t = own.token;
  std::string old_fp = fingerprint_in(seal("status", t.env()).out);
  ASSERT_FALSE(old_fp.empty());
  CommandResult r = seal("rotate --valid-from 2024-07-01", t.env());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("court-seal@" + old_fp.substr(0, 16)), std::string::npos) << r.out;
  CommandResult status = seal("status", t.env());
  std::string new_fp = fingerprint_in(status.out);
  EXPECT_NE(new_fp, old_fp);
  EXPECT_NE(status.out.find("有效期：2024-07-01 至 2029-06-30"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("已保存证书：2 份印章证书"), std::string::npos) << status.out;
  EXPECT_TRUE(fs::exists(t.dir / "certs" / (old_fp + ".pem")));
  EXPECT_TRUE(fs::exists(t.dir / "certs" / (new_fp + ".pem")));
  // The previous key pair stays in the token under its own label; init then changes nothing.
  CommandResult objects = run_shell("SOFTHSM2_CONF='" + t.conf.string() +
                                    "' pkcs11-tool --module /usr/lib/softhsm/libsofthsm2.so "
                                    "--token-label zhixing --login --pin " +
                                    t.pin + " -O");
  EXPECT_NE(objects.out.find("court-seal@" + old_fp.substr(0, 16)), std::string::npos)
      << objects.out;
  CommandResult init = seal("init", t.env());
  EXPECT_NE(init.out.find("本次无任何变化"), std::string::npos) << init.out;
  EXPECT_EQ(fingerprint_in(seal("status", t.env()).out), new_fp);
}

}  // namespace
}  // namespace zhixing::testing
