// Rates, means and 万元 as the reports print them: two decimals, rounded half-up.
#include "reports/rate.h"

#include <gtest/gtest.h>

namespace zhixing::reports {
namespace {

TEST(ReportRate, RoundsHalfUpToTwoDecimals) {
  EXPECT_EQ((Rate{1, 3}.percent()), "33.33%");
  EXPECT_EQ((Rate{2, 3}.percent()), "66.67%");
  EXPECT_EQ((Rate{1, 8}.percent()), "12.50%");
  // 1/16 = 6.25 % exactly; 1/32 = 3.125 % rounds half-up to 3.13 %.
  EXPECT_EQ((Rate{1, 32}.percent()), "3.13%");
  EXPECT_EQ((Rate{4363, 10000}.percent()), "43.63%");
  EXPECT_EQ((Rate{5, 5}.percent()), "100.00%");
  EXPECT_EQ((Rate{0, 7}.percent()), "0.00%");
}

TEST(ReportRate, EmptyDenominatorHasNoRate) {
  Rate r{0, 0};
  EXPECT_FALSE(r.defined());
  EXPECT_EQ(r.percent(), "—");
  EXPECT_EQ(r.percent_x100(), 0);
  EXPECT_EQ(ratio_2dp(0, 0), "—");
}

TEST(ReportRate, MoneySumsDoNotOverflow) {
  // ¥4.6 × 10^9 applied for (4.6 × 10^11 fen): the ×10000 scaling needs more than 64 bits.
  Rate r{263259400LL * 100 * 1000, 461210000LL * 100 * 1000};
  EXPECT_EQ(r.percent(), "57.08%");
}

TEST(ReportRate, MeanDaysWithTwoDecimals) {
  EXPECT_EQ(ratio_2dp(6976, 100), "69.76");
  EXPECT_EQ(ratio_2dp(10, 3), "3.33");
  EXPECT_EQ(ratio_2dp(5, 8), "0.63");  // 0.625 half-up
  EXPECT_EQ(ratio_x100(209, 3), 6967);
}

TEST(ReportRate, WanYuanWithTwoDecimals) {
  EXPECT_EQ(wan_yuan(26325940000LL), "26325.94");  // the court's 26,325.94万元
  EXPECT_EQ(wan_yuan(30500000), "30.50");          // ¥305,000
  EXPECT_EQ(wan_yuan(0), "0.00");
  EXPECT_EQ(wan_yuan(4999), "0.00");  // ¥49.99
  EXPECT_EQ(wan_yuan(5000), "0.01");  // ¥50.00 rounds half-up
  EXPECT_EQ(wan_yuan(100000000), "100.00");
}

}  // namespace
}  // namespace zhixing::reports
