// The two roots (config/settings.h): read-only data and writable state, for a checkout, for
// another settings file, and for the Debian package's /etc/zhixing/zhixing.properties.
#include "config/settings.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

namespace zhixing {
namespace {

namespace fs = std::filesystem;

// Sets environment variables for one test and restores them after.
class ScopedEnv {
 public:
  void set(const std::string& name, const std::string& value) {
    remember(name);
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  void unset(const std::string& name) {
    remember(name);
    ::unsetenv(name.c_str());
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }

 private:
  void remember(const std::string& name) {
    if (saved_.count(name)) return;
    const char* v = std::getenv(name.c_str());
    saved_[name] = v ? std::optional<std::string>(v) : std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

class SettingsRoots : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"ZHIXING_HOME", "ZHIXING_CONFIG", "ZHIXING_PATHS_DATA",
                             "ZHIXING_PATHS_STATE", "ZHIXING_PATHS_OUTPUT", "ZHIXING_COURT_LIST",
                             "ZHIXING_SEAL_DIR", "ZHIXING_DB_MIGRATIONS", "ZHIXING_RELIEF_POLICY"})
      env_.unset(name);
    dir_ = fs::temp_directory_path() /
           ("zhixing-settings-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write_config(const std::string& text) {
    fs::path file = dir_ / "zhixing.properties";
    std::ofstream(file) << text;
    env_.set("ZHIXING_CONFIG", file.string());
    return file;
  }

  ScopedEnv env_;
  fs::path dir_;
};

TEST_F(SettingsRoots, ACheckoutUsesItsSourceFolderForBoth) {
  Settings s = Settings::load();
  EXPECT_EQ(s.data_root(), fs::path(ZHIXING_SOURCE_DIR));
  EXPECT_EQ(s.state_root(), fs::path(ZHIXING_SOURCE_DIR));
  EXPECT_EQ(s.file(), fs::path(ZHIXING_SOURCE_DIR) / "config" / "zhixing.properties");
  EXPECT_EQ(s.path("paths.output", "out"), fs::path(ZHIXING_SOURCE_DIR) / "out");
  EXPECT_EQ(s.data_path("court.list", "config/courts.csv"),
            fs::path(ZHIXING_SOURCE_DIR) / "config" / "courts.csv");
  EXPECT_EQ(s.migrations_dir(), fs::path(ZHIXING_SOURCE_DIR) / "batch" / "store" / "sql");
  EXPECT_TRUE(fs::exists(s.migrations_dir() / "001_foundation.sql"));
  EXPECT_FALSE(Settings::installed_binary());  // the test binary is not /usr/bin/zhixing
}

TEST_F(SettingsRoots, StateAndDataResolveAgainstTheirOwnRoots) {
  write_config("paths.data = " + (dir_ / "share").string() + "\n" +
               "paths.state = " + (dir_ / "lib").string() + "\n" +
               "paths.output = out\n"
               "court.list = config/courts.csv\n"
               "seal.dir = /srv/seal\n");
  Settings s = Settings::load();
  EXPECT_EQ(s.data_root(), dir_ / "share");
  EXPECT_EQ(s.state_root(), dir_ / "lib");
  EXPECT_EQ(s.path("paths.output"), dir_ / "lib" / "out");
  EXPECT_EQ(s.data_path("court.list"), dir_ / "share" / "config" / "courts.csv");
  EXPECT_EQ(s.path("seal.dir"), fs::path("/srv/seal"));  // absolute stays
  EXPECT_EQ(s.migrations_dir(), dir_ / "share" / "batch" / "store" / "sql");
}

TEST_F(SettingsRoots, EnvironmentOverridesTheFileAndRelativeRootsResolveAgainstTheDefault) {
  write_config("paths.state = /nowhere\n");
  env_.set("ZHIXING_PATHS_STATE", "var/other");
  Settings s = Settings::load();
  EXPECT_EQ(s.state_root(), fs::path(ZHIXING_SOURCE_DIR) / "var" / "other");
  EXPECT_EQ(s.data_root(), fs::path(ZHIXING_SOURCE_DIR));
}

TEST_F(SettingsRoots, HomeSetsBothRootsAndTheSettingsFile) {
  fs::create_directories(dir_ / "config");
  std::ofstream(dir_ / "config" / "zhixing.properties") << "paths.output = elsewhere\n";
  env_.set("ZHIXING_HOME", dir_.string());
  Settings s = Settings::load();
  EXPECT_EQ(s.data_root(), dir_);
  EXPECT_EQ(s.state_root(), dir_);
  EXPECT_EQ(s.path("paths.output", "out"), dir_ / "elsewhere");
}

// The package's /etc/zhixing/zhixing.properties (made from config/zhixing.properties by
// scripts/package/package-config.py): read-only data under /usr/share/zhixing, the configuration
// in /etc/zhixing, state under /var/lib/zhixing, the system cluster.
TEST_F(SettingsRoots, ThePackagesSettingsPutEachThingInItsDebianPlace) {
  ASSERT_TRUE(fs::exists(ZHIXING_PACKAGE_CONFIG)) << ZHIXING_PACKAGE_CONFIG;
  env_.set("ZHIXING_CONFIG", ZHIXING_PACKAGE_CONFIG);
  Settings s = Settings::load();
  EXPECT_EQ(s.data_root(), fs::path("/usr/share/zhixing"));
  EXPECT_EQ(s.state_root(), fs::path("/var/lib/zhixing"));
  EXPECT_EQ(s.migrations_dir(), fs::path("/usr/share/zhixing/sql"));
  EXPECT_EQ(s.data_path("court.list"), fs::path("/etc/zhixing/courts.csv"));
  EXPECT_EQ(s.data_path("relief.policy"), fs::path("/etc/zhixing/relief-policy.properties"));
  EXPECT_EQ(s.data_path("documents.fonts"), fs::path("/usr/share/zhixing/fonts/manifest.json"));
  for (const char* key : {"paths.output", "paths.inbox", "paths.demo", "seal.dir", "seal.pin_file"})
    EXPECT_EQ(s.path(key).string().rfind("/var/lib/zhixing/", 0), 0u) << key << " " << s.path(key);
  EXPECT_EQ(s.get("db.cluster"), "15/zhixing");
  // every other setting is the source's: the two files differ only where the package says
  Settings source = [&] {
    env_.unset("ZHIXING_CONFIG");
    return Settings::load();
  }();
  EXPECT_EQ(s.get("court.code"), source.get("court.code"));
  EXPECT_EQ(s.get("jobs.schedule_time"), source.get("jobs.schedule_time"));
  EXPECT_EQ(s.get("web.port"), source.get("web.port"));
}

}  // namespace
}  // namespace zhixing
