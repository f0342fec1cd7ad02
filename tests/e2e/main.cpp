// End-to-end tests run the zhixing binary against a scratch database on the private PostgreSQL.
#include <gtest/gtest.h>

#include "support/scratch_db.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new zhixing::testing::ScratchDatabase);
  return RUN_ALL_TESTS();
}
