#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

using zhixing::Money;

TEST(Money, ParsesYuanStringsExactlyIntoFen) {
  EXPECT_EQ(Money::parse_yuan("305000")->fen(), 30500000);
  EXPECT_EQ(Money::parse_yuan("26325.94")->fen(), 2632594);
  EXPECT_EQ(Money::parse_yuan("0.05")->fen(), 5);
  EXPECT_EQ(Money::parse_yuan("0")->fen(), 0);
  EXPECT_EQ(Money::parse_yuan("1200.5")->fen(), 120050);
}

TEST(Money, RejectsEverythingButThePlainYuanForm) {
  for (const char* bad : {"-1", "1e5", "1,000", "1.234", ".5", "01", "1.", " 1", "1 ", "+1", "",
                          "０", "1..2", "0x10", "NaN"})
    EXPECT_FALSE(Money::parse_yuan(bad)) << bad;
}

TEST(Money, RejectsOverflow) {
  EXPECT_FALSE(Money::parse_yuan("9999999999999999"));
  EXPECT_FALSE(Money::parse_yuan("92233720368547758.07"));
}

// Every money field is at most 999,999,999,999.99 yuan: 185 installments of 999,999,999,999,999.99
// (a 15-digit bound) would sum past int64 and wrap.
TEST(Money, AcceptsAtMostJustUnderOneTrillionYuan) {
  EXPECT_EQ(Money::parse_yuan("999999999999.99")->fen(), Money::kMaxFen);
  EXPECT_FALSE(Money::parse_yuan("1000000000000"));
  EXPECT_FALSE(Money::parse_yuan("999999999999999.99"));
  EXPECT_TRUE(Money::is_over_limit("1000000000000"));
  EXPECT_TRUE(Money::is_over_limit("999999999999999.99"));
  EXPECT_FALSE(Money::is_over_limit("999999999999.99")) << "within the limit";
  EXPECT_FALSE(Money::is_over_limit("1000000000000.001")) << "malformed, not too large";
  EXPECT_FALSE(Money::is_over_limit("-1000000000000"));
}

TEST(Money, CheckedArithmeticReportsOverflowInsteadOfWrapping) {
  const Money max = Money::from_fen(INT64_MAX);
  EXPECT_FALSE(Money::checked_add(max, Money::from_fen(1)));
  EXPECT_FALSE(Money::checked_sub(Money::from_fen(INT64_MIN), Money::from_fen(1)));
  EXPECT_FALSE(Money::checked_mul(Money::from_fen(Money::kMaxFen), 185 * 1000000LL));
  EXPECT_EQ(Money::checked_mul(Money::from_fen(Money::kMaxFen), 120)->fen(), Money::kMaxFen * 120);
  EXPECT_EQ(Money::checked_add(Money::from_fen(2), Money::from_fen(3))->fen(), 5);
  EXPECT_THROW((void)(max + Money::from_fen(1)), std::overflow_error);
  EXPECT_THROW((void)(Money::from_fen(INT64_MIN) - Money::from_fen(1)), std::overflow_error);
  Money sum;
  EXPECT_THROW(
      {
        for (int i = 0; i < 185; ++i) sum += Money::from_fen(99999999999999999LL);
      },
      std::overflow_error)
      << "the issue's 185 installments: an error, never a wrap";
  EXPECT_THROW((void)zhixing::add_fen(INT64_MAX, 1), std::overflow_error);
  EXPECT_THROW((void)zhixing::sub_fen(INT64_MIN, 1), std::overflow_error);
  EXPECT_THROW((void)zhixing::mul_fen(INT64_MAX / 2, 3), std::overflow_error);
  EXPECT_EQ(zhixing::add_fen(1, 2), 3);
}

TEST(Money, PlainShowsDecimalsOnlyForJiaoAndFen) {
  EXPECT_EQ(Money::from_yuan(50000).plain(), "50000");
  EXPECT_EQ(Money::from_fen(120050).plain(), "1200.50");
  EXPECT_EQ(Money::from_fen(5).plain(), "0.05");
  EXPECT_EQ(Money().plain(), "0");
}

TEST(Money, DecimalAlwaysHasTwoDecimals) {
  EXPECT_EQ(Money::from_yuan(305000).decimal(), "305000.00");
  EXPECT_EQ(Money::from_fen(5).decimal(), "0.05");
}

TEST(Money, FiguresGroupThousandsWithYuanSign) {
  EXPECT_EQ(Money::from_yuan(50000).figures(), "¥50,000.00");
  EXPECT_EQ(Money::from_fen(123456789).figures(), "¥1,234,567.89");
  EXPECT_EQ(Money::from_fen(5).figures(), "¥0.05");
  EXPECT_EQ(Money::from_yuan(100).figures(), "¥100.00");
}

TEST(Money, ArithmeticAndOrder) {
  Money a = Money::from_yuan(10);
  a += Money::from_fen(5);
  EXPECT_EQ(a.fen(), 1005);
  EXPECT_LT(Money::from_fen(1), Money::from_fen(2));
  EXPECT_EQ((a - Money::from_fen(5)).fen(), 1000);
}
