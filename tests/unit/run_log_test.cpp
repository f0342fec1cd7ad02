#include "jobs/run_log.h"

#include <gtest/gtest.h>

namespace zhixing::jobs {
namespace {

TEST(RunLog, MasksIdNumbersAndBankAccountsKeepingSixAndFour) {
  EXPECT_EQ(mask_personal_numbers("身份证 13063319750601113X 有误"),
            "身份证 130633********113X 有误");
  EXPECT_EQ(mask_personal_numbers("账号 6228480000000000000。"), "账号 622848*********0000。");
}

TEST(RunLog, LeavesShortNumbersAlone) {
  EXPECT_EQ(mask_personal_numbers("（2024）冀0633执12号 2024-12-31 第 3 行 36000 元"),
            "（2024）冀0633执12号 2024-12-31 第 3 行 36000 元");
  EXPECT_EQ(mask_personal_numbers("run 12345678901234"), "run 12345678901234") << "14 digits stay";
}

}  // namespace
}  // namespace zhixing::jobs
