#include "core/date.h"

#include <gtest/gtest.h>

using zhixing::Date;

TEST(Date, ParsesRealDates) {
  auto d = Date::parse_iso("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
  EXPECT_EQ(d->iso(), "2024-02-29");
}

TEST(Date, RejectsImpossibleDates) {
  EXPECT_FALSE(Date::parse_iso("2023-02-29"));
  EXPECT_FALSE(Date::parse_iso("2024-13-01"));
  EXPECT_FALSE(Date::parse_iso("2024-04-31"));
  EXPECT_FALSE(Date::parse_iso("2024-4-01"));
  EXPECT_FALSE(Date::parse_iso("2024/04/01"));
  EXPECT_FALSE(Date::parse_iso("２０24-04-01"));
}

TEST(Date, DifferenceInDays) {
  EXPECT_EQ(*Date::parse_iso("2024-12-31") - *Date::parse_iso("2024-01-01"), 365);
  EXPECT_EQ(Date::parse_iso("1970-01-01")->days_since_epoch(), 0);
}

TEST(Date, PlusMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date::parse_iso("2024-08-31")->plus_months(6).iso(), "2025-02-28");
  EXPECT_EQ(Date::parse_iso("2024-01-15")->plus_months(6).iso(), "2024-07-15");
}
