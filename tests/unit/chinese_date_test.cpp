#include "core/chinese_date.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using zhixing::chinese_date;
using zhixing::chinese_numeral;
using zhixing::Date;

namespace {
std::string date(const char* iso) { return chinese_date(*Date::parse_iso(iso)); }
}  // namespace

TEST(ChineseDate, CourtStyleWithLingCircleForZero) {
  EXPECT_EQ(date("2024-08-22"), "二〇二四年八月二十二日");
  EXPECT_EQ(date("2000-01-01"), "二〇〇〇年一月一日");
}

TEST(ChineseDate, TensAreWrittenWithoutLeadingOne) {
  EXPECT_EQ(date("2024-10-10"), "二〇二四年十月十日");
  EXPECT_EQ(date("2024-12-31"), "二〇二四年十二月三十一日");
  EXPECT_EQ(date("2024-08-20"), "二〇二四年八月二十日");
}

TEST(ChineseDate, SingleDigitDayHasNoPadding) {
  EXPECT_EQ(date("2024-08-01"), "二〇二四年八月一日");
}

TEST(ChineseDate, UsesUtcDaysWhateverTheProcessTimeZone) {
  // Midnight UTC of 1970-01-01 must not slip to the previous day.
  EXPECT_EQ(date("1970-01-01"), "一九七〇年一月一日");
}

TEST(ChineseDate, FormattersArePerThread) {
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&results, i] {
      for (int n = 0; n < 200; ++n) results[i] = date(i % 2 ? "2024-10-10" : "2024-08-22");
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(results[0], "二〇二四年八月二十二日");
  EXPECT_EQ(results[1], "二〇二四年十月十日");
}

TEST(ChineseNumeral, ArticleNumbers) {
  EXPECT_EQ(chinese_numeral(253), "二百五十三");
  EXPECT_EQ(chinese_numeral(10), "十");
  EXPECT_EQ(chinese_numeral(15), "十五");
  EXPECT_EQ(chinese_numeral(110), "一百一十");
  EXPECT_EQ(chinese_numeral(264), "二百六十四");
}

TEST(ChineseNumeral, ZerosInside) {
  EXPECT_EQ(chinese_numeral(105), "一百零五");
  EXPECT_EQ(chinese_numeral(1010), "一千零一十");
  EXPECT_EQ(chinese_numeral(10010), "一万零一十");
  EXPECT_EQ(chinese_numeral(100000), "十万");
  EXPECT_EQ(chinese_numeral(7), "七");
  EXPECT_EQ(chinese_numeral(0), "零");
}

TEST(ChineseNumeral, RejectsOutOfRange) {
  EXPECT_THROW(chinese_numeral(-1), std::out_of_range);
  EXPECT_THROW(chinese_numeral(100000000), std::out_of_range);
}
