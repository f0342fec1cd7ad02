#include "support/seal_token.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>

#include "config/settings.h"
#include "support/shell.h"

namespace zhixing::testing {

namespace fs = std::filesystem;

namespace {

std::optional<SealToken> g_token;
bool g_owned = false;  // made by this process (removed when it ends)

std::string random_digits(int n) {
  std::random_device rd;
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rd() % 10);
  return s;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Per-process folders ("<name>-<pid>") of test runs that ended without removing theirs.
void remove_stale_folders() {
  std::error_code ec;
  if (!fs::is_directory(test_seal_folder(), ec)) return;
  for (const auto& entry : fs::directory_iterator(test_seal_folder(), ec)) {
    std::string name = entry.path().filename().string();
    auto dash = name.rfind('-');
    if (dash == std::string::npos || name == "ctest") continue;
    int pid = std::atoi(name.c_str() + dash + 1);
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

std::string SealToken::env() const {
  return "ZHIXING_SEAL_DIR=" + quoted(dir) + " ZHIXING_SEAL_PIN_FILE=" + quoted(pin_file) +
         " SOFTHSM2_CONF=" + quoted(conf);
}

void SealToken::use() const {
  ::setenv("ZHIXING_SEAL_DIR", dir.c_str(), 1);
  ::setenv("ZHIXING_SEAL_PIN_FILE", pin_file.c_str(), 1);
  ::setenv("SOFTHSM2_CONF", conf.c_str(), 1);
  ::unsetenv("ZHIXING_SEAL_PIN");
}

fs::path test_seal_folder() { return fs::path(ZHIXING_BUILD_DIR) / "test-seal"; }

SealToken existing_seal_token(const fs::path& dir) {
  SealToken t{dir, dir / "softhsm2.conf", dir / "pin", ""};
  std::ifstream(t.pin_file) >> t.pin;
  if (t.pin.empty()) throw std::runtime_error("no test seal token in " + dir.string());
  return t;
}

SealToken make_seal_token(const fs::path& dir) {
  SealToken t{dir, dir / "softhsm2.conf", dir / "pin", random_digits(12)};
  fs::remove_all(dir);
  fs::create_directories(dir / "tokens");
  std::ofstream(t.conf) << "directories.tokendir = " << (dir / "tokens").string()
                        << "\nobjectstore.backend = file\nlog.level = ERROR\n";
  int fd = ::open(t.pin_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ::write(fd, t.pin.data(), t.pin.size()) != static_cast<ssize_t>(t.pin.size()))
    throw std::runtime_error("cannot write " + t.pin_file.string());
  ::close(fd);
  std::string label = Settings::load().get("seal.token_label", "zhixing");
  CommandResult made =
      run_shell("SOFTHSM2_CONF=" + quoted(t.conf) + " softhsm2-util --init-token --free --label '" +
                label + "' --so-pin " + random_digits(12) + " --pin " + t.pin);
  if (made.exit_code != 0) throw std::runtime_error("softhsm2-util: " + made.out);
  CommandResult init = run_shell(t.env() + " ZHIXING_SEAL_PIN= " + std::string(ZHIXING_BINARY) +
                                 " seal init --valid-from 2024-01-01");
  if (init.exit_code != 0) throw std::runtime_error("zhixing seal init: " + init.out);
  return t;
}

const SealToken& test_seal_token() {
  if (!g_token) throw std::logic_error("SealTokenEnvironment is not set up");
  return *g_token;
}

void SealTokenEnvironment::SetUp() {
  try {
    const char* shared = std::getenv("ZHIXING_TEST_SEAL_DIR");
    if (shared != nullptr && *shared != '\0') {
      g_token = existing_seal_token(shared);
    } else {
      remove_stale_folders();
      g_token = make_seal_token(test_seal_folder() / (std::string(program_invocation_short_name) +
                                                      "-" + std::to_string(::getpid())));
      g_owned = true;
    }
    g_token->use();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "test seal token: " << e.what();
  }
}

void SealTokenEnvironment::TearDown() {
  std::error_code ec;
  if (g_token && g_owned) fs::remove_all(g_token->dir, ec);
}

}  // namespace zhixing::testing
