// zhixing backup and zhixing restore as the court's IT staff run them: a small demo night
// (60 demo cases: import, relief assessment, sealed documents, the court's appropriation in the
// ledger) is backed up, its
// documents folder is lost, and the backup is restored into a second, empty private cluster
// (its own data folder and port), which must hold the same ledger head and every document
// again with its SHA-256; a tampered document, a tampered dump, a non-empty target database and
// a non-empty backup folder are refused or reported with their stable codes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/sha256.h"
#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;
namespace fs = std::filesystem;
using Output = testing::CommandResult;

fs::path g_dir;                               // everything of this suite
std::string g_head;                           // "SEQ:HASH" the backup printed
std::map<std::string, std::string> g_sha256;  // issued document's file → SHA-256 (source DB)
std::string g_backup_output;

Output sh(const std::string& cmd) { return testing::run_shell(cmd); }

// The source installation: the scratch database, this suite's inbox and output folders.
Output source(const std::string& args) {
  return sh("ZHIXING_DB_NAME=" + ScratchDatabase::target().name + " ZHIXING_PATHS_INBOX=" +
            (g_dir / "inbox").string() + " ZHIXING_PATHS_OUTPUT=" + (g_dir / "out").string() + " " +
            ZHIXING_BINARY + " " + args);
}

// The second private cluster (empty until a restore): its own root folder and port, database
// `db`; the same output folder as the source (the documents go back where they were issued).
std::string second_cluster_env(const std::string& db) {
  int port = std::atoi(std::getenv("ZHIXING_DB_PORT") ? std::getenv("ZHIXING_DB_PORT") : "55433");
  return "ZHIXING_DB_PORT=" + std::to_string(port + 1000) +
         " ZHIXING_DB_ROOT_DIR=" + (g_dir / "pg2").string() +
         " ZHIXING_DB_DATA_DIR=" + (g_dir / "pg2" / "user").string() + " ZHIXING_DB_NAME=" + db +
         " ZHIXING_PATHS_OUTPUT=" + (g_dir / "out").string() + " ";
}
Output second(const std::string& db, const std::string& args) {
  return sh(second_cluster_env(db) + ZHIXING_BINARY + " " + args);
}

std::string head_in(const std::string& text, const std::string& label) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex(label + "(?:：)?([0-9]+:[0-9a-f]{64})")))
    return m[1].str();
  return "";
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  stat(p.c_str(), &st);
  return st.st_mode & 07777;
}

class CliBackup : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    g_dir = fs::temp_directory_path() / ("zhixing-e2e-backup-" + std::to_string(getpid()));
    fs::remove_all(g_dir);
    fs::create_directories(g_dir / "inbox");
    // A small demo night, as scripts/setup.sh runs the full one.
    for (const std::string& step :
         {"demo-data --cases 60 --out " + (g_dir / "inbox" / "demo.jsonl").string(),
          std::string("ledger demo-appropriation"), std::string("nightly --date 2024-12-31"),
          "ledger bank-file --year 2024 --paid-on 2024-12-31 --out " +
              (g_dir / "bank.csv").string(),
          "ledger confirm " + (g_dir / "bank.csv").string()}) {
      Output r = source(step);
      ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << step << "\n" << r.out;
    }
    auto sql = ScratchDatabase::runtime();
    soci::rowset<soci::row> rows =
        (sql->prepare << "select output_dir, path, sha256 from documents");
    for (const auto& r : rows)
      g_sha256[(fs::path(r.get<std::string>(0)) / r.get<std::string>(1)).string()] =
          r.get<std::string>(2);
    Output b = source("backup --out " + (g_dir / "bk").string());
    g_backup_output = b.out;
    ASSERT_EQ(b.exit_code, 0) << b.out;
    g_head = head_in(b.out, "台账链头");
  }
  static void TearDownTestSuite() {
    second("zhixing", "db stop");
    fs::remove_all(g_dir);
  }
  // A copy of the backup to spoil.
  static fs::path copy_of_backup(const std::string& name) {
    fs::copy(g_dir / "bk", g_dir / name, fs::copy_options::recursive);
    return g_dir / name;
  }
};

TEST_F(CliBackup, RestoresADemoNightIntoAnEmptyClusterWithTheSameHeadAndDocuments) {
  ASSERT_FALSE(g_head.empty()) << g_backup_output;
  ASSERT_GT(g_sha256.size(), 50u) << "the demo night issued documents";
  EXPECT_NE(g_head.substr(0, 2), "0:") << "the appropriation is posted";
  const fs::path bk = g_dir / "bk";
  EXPECT_EQ(mode_of(bk), 0700u);
  std::ifstream in(bk / "manifest.json");
  std::stringstream manifest;
  manifest << in.rdbuf();
  EXPECT_NE(manifest.str().find("\"documents\": " + std::to_string(g_sha256.size())),
            std::string::npos);
  EXPECT_TRUE(fs::exists(bk / "db" / "toc.dat"));
  EXPECT_TRUE(fs::exists(bk / "roles.sql"));
  EXPECT_TRUE(fs::exists(bk / "config" / "zhixing.properties"));
  const fs::path pin = bk / "seal" / "pin";
  ASSERT_TRUE(fs::exists(pin)) << "the seal folder and its PIN file";
  EXPECT_NE(manifest.str().find("\"path\": \"seal/pin\", \"original\": "), std::string::npos);
  EXPECT_EQ(mode_of(pin), 0600u);
  // The manifest's head is the anchor form `ledger verify --anchor` reads.
  const std::string seq = g_head.substr(0, g_head.find(':'));
  EXPECT_NE(manifest.str().find("\"ledger_head\": {\"seq\": " + seq + ", \"hash\": \"" +
                                g_head.substr(g_head.find(':') + 1) + "\"}"),
            std::string::npos);

  fs::remove_all(g_dir / "out");  // the disk with the issued documents is lost
  Output r = second("zhixing", "restore " + bk.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("结果：通过 (ok)"), std::string::npos) << r.out;
  EXPECT_EQ(head_in(r.out, "链头 "), g_head) << r.out;
  EXPECT_NE(r.out.find("文书：放回 "), std::string::npos) << r.out;
  // Independently of restore's own check: the ledger against the head, and every file.
  Output verify = second("zhixing", "ledger verify --anchor " + g_head);
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  for (const auto& [file, sha] : g_sha256) {
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(sha256_file_hex(file), sha) << file;
  }
  // The restored cluster is not empty any more: a second restore into it is refused.
  Output again = second("zhixing", "restore " + bk.string());
  EXPECT_EQ(again.exit_code, 3) << again.out;
  EXPECT_NE(again.out.find("restore_target_not_empty"), std::string::npos) << again.out;
}

TEST_F(CliBackup, ATamperedDocumentInTheBackupFailsTheVerification) {
  const fs::path bk = copy_of_backup("bk-tampered");
  fs::path victim;
  for (const auto& e : fs::recursive_directory_iterator(bk / "output"))
    if (e.path().extension() == ".pdf") {
      victim = e.path();
      break;
    }
  ASSERT_FALSE(victim.empty());
  {
    std::fstream f(victim, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('X');
  }
  Output r = second("tampered", "restore " + bk.string());
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("document_hash_mismatch"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(victim.lexically_relative(bk).string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("结果：不通过，1 处不符"), std::string::npos) << r.out;
}

TEST_F(CliBackup, ATamperedDumpIsRefusedBeforeAnythingChanges) {
  const fs::path bk = copy_of_backup("bk-bad-dump");
  std::ofstream(bk / "db" / "toc.dat", std::ios::app) << "x";
  Output r = second("bad_dump", "restore " + bk.string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("backup_file_mismatch"), std::string::npos) << r.out;
  fs::remove(bk / "manifest.json");
  Output incomplete = second("bad_dump", "restore " + bk.string());
  EXPECT_EQ(incomplete.exit_code, 3) << incomplete.out;
  EXPECT_NE(incomplete.out.find("backup_incomplete"), std::string::npos) << incomplete.out;
}

TEST_F(CliBackup, RefusesANonEmptyTargetDatabaseAndANonEmptyBackupFolder) {
  long long before = 0;
  *ScratchDatabase::runtime() << "select count(*) from documents", soci::into(before);
  Output r = source("restore " + (g_dir / "bk").string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("restore_target_not_empty"), std::string::npos) << r.out;
  long long after = 0;
  *ScratchDatabase::runtime() << "select count(*) from documents", soci::into(after);
  EXPECT_EQ(after, before);

  fs::create_directories(g_dir / "busy");
  std::ofstream(g_dir / "busy" / "keep.txt") << "x";
  Output busy = source("backup --out " + (g_dir / "busy").string());
  EXPECT_EQ(busy.exit_code, 3) << busy.out;
  EXPECT_NE(busy.out.find("backup_not_empty"), std::string::npos) << busy.out;
  EXPECT_TRUE(fs::exists(g_dir / "busy" / "keep.txt")) << "nothing of it removed";
}

TEST_F(CliBackup, TimedBackupsMakeDatedFoldersAndKeepTheNewest) {
  const fs::path root = g_dir / "timed";
  fs::create_directories(root / "2000-01-01_000000");  // an unfinished one: no manifest, kept
  std::vector<std::string> made;
  for (int i = 0; i < 2; ++i) {
    Output r = source("backup --out-root " + root.string() + " --keep 1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    if (i == 0) sleep(1);  // dated to the second
  }
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(root)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "2000-01-01_000000");
  EXPECT_TRUE(std::regex_match(names[1], std::regex(R"(\d{4}-\d{2}-\d{2}_\d{6})")));
  EXPECT_TRUE(fs::exists(root / names[1] / "manifest.json"));
}

}  // namespace
}  // namespace zhixing
