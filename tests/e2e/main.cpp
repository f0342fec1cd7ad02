// End-to-end tests run the zhixing binary against a scratch database on the private PostgreSQL.
#include <gtest/gtest.h>

#include "support/scratch_db.h"
#include "support/seal_token.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new zhixing::testing::ScratchDatabase);
  ::testing::AddGlobalTestEnvironment(new zhixing::testing::SealTokenEnvironment);
  return RUN_ALL_TESTS();
}
