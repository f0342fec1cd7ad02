// A fresh SoftHSM2 token for the tests, inside the build tree (build/test-seal/): its own
// softhsm2.conf and token folder, a PIN file (0600), and the court's keys and certificates made by
// `zhixing seal init --valid-from 2024-01-01`, as scripts/setup.sh makes them for the demo.
//
// Under ctest, the fixture test `seal.test_token` makes one for the whole run in
// build/test-seal/ctest (removed by `seal.test_token_cleanup`) and passes it to the integration,
// e2e and web tests as ZHIXING_TEST_SEAL_DIR. A test executable run without it (by hand) makes
// its own build/test-seal/<name>-<pid> and removes it when it ends. Either way the process's
// environment then points zhixing at the token (ZHIXING_SEAL_DIR, ZHIXING_SEAL_PIN_FILE,
// SOFTHSM2_CONF), so the zhixing children of e2e tests inherit it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace zhixing::testing {

struct SealToken {
  std::filesystem::path dir;       // seal.dir: softhsm2.conf, tokens/, pin, roots/, certs/
  std::filesystem::path conf;      // dir/softhsm2.conf
  std::filesystem::path pin_file;  // dir/pin, mode 0600
  std::string pin;

  // "ZHIXING_SEAL_DIR='…' ZHIXING_SEAL_PIN_FILE='…' SOFTHSM2_CONF='…'": a shell command prefix
  // that points one zhixing child at this token.
  std::string env() const;
  // Sets those variables in this process (children inherit them).
  void use() const;
};

// build/test-seal
std::filesystem::path test_seal_folder();

// Makes a token in `dir` (emptied first): softhsm2-util --init-token, the PIN file, then
// `zhixing seal init --valid-from 2024-01-01`. Fails the test (ADD_FAILURE) and throws when a
// step fails.
SealToken make_seal_token(const std::filesystem::path& dir);

// A token already made in `dir` (its PIN read from dir/pin).
SealToken existing_seal_token(const std::filesystem::path& dir);

// The token of this test run (set up by SealTokenEnvironment).
const SealToken& test_seal_token();

class SealTokenEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

}  // namespace zhixing::testing
