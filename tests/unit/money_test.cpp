#include "core/money.h"

#include <gtest/gtest.h>

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
  EXPECT_TRUE(Money::parse_yuan("999999999999999.99"));
  EXPECT_FALSE(Money::parse_yuan("9999999999999999"));
  EXPECT_FALSE(Money::parse_yuan("92233720368547758.07"));
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
