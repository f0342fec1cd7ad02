#include "app/web/password.h"

#include <gtest/gtest.h>

namespace zhixing::app::web {
namespace {

TEST(Password, TheRightPasswordVerifies) {
  std::string stored = hash_password("correct-horse-42", 1000);
  EXPECT_EQ(stored.rfind("pbkdf2-sha256$1000$", 0), 0u) << stored;
  EXPECT_TRUE(verify_password("correct-horse-42", stored));
}

TEST(Password, AWrongPasswordDoesNotVerify) {
  std::string stored = hash_password("correct-horse-42", 1000);
  EXPECT_FALSE(verify_password("correct-horse-43", stored));
  EXPECT_FALSE(verify_password("", stored));
}

TEST(Password, EachHashHasItsOwnSalt) {
  EXPECT_NE(hash_password("same", 1000), hash_password("same", 1000));
}

TEST(Password, MatchesThePublishedPbkdf2HmacSha256Vector) {
  // P="password", S="salt", c=4096, dkLen=32 (the common test vector; Python's hashlib agrees).
  EXPECT_TRUE(verify_password("password",
                              "pbkdf2-sha256$4096$73616c74$"
                              "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"));
}

TEST(Password, MalformedStoredValuesNeverVerify) {
  for (const char* bad :
       {"", "plain", "pbkdf2-sha256$", "pbkdf2-sha256$10$00$00", "pbkdf2-sha256$abc$00$00",
        "md5$1000$00$00",
        "pbkdf2-sha256$1000$zz$c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"})
    EXPECT_FALSE(verify_password("password", bad)) << bad;
}

TEST(Password, RandomHexHasTheAskedLength) {
  EXPECT_EQ(random_hex(32).size(), 64u);
  EXPECT_NE(random_hex(16), random_hex(16));
}

}  // namespace
}  // namespace zhixing::app::web
