// Integration tests run against the real private PostgreSQL, in a scratch database.
#include <gtest/gtest.h>

#include "support/scratch_db.h"
#include "support/seal_token.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new zhixing::testing::ScratchDatabase);
  ::testing::AddGlobalTestEnvironment(new zhixing::testing::SealTokenEnvironment);
  return RUN_ALL_TESTS();
}
