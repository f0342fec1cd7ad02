// core/csv: RFC 4180 quoting and the formula-injection guard.
#include "core/csv.h"

#include <gtest/gtest.h>

namespace zhixing {
namespace {

TEST(Csv, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_field("刘建国"), "刘建国");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("a\nb"), "\"a\nb\"");
  EXPECT_EQ(csv_row({"1", "x,y", ""}), "1,\"x,y\",\n");
}

TEST(Csv, NeutralisesEveryFormulaStart) {
  EXPECT_EQ(csv_field("=1+2"), "'=1+2");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(csv_field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
  EXPECT_EQ(csv_field("\t=1"), "'\t=1");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
}

TEST(Csv, LeavesNumbersAndOrdinaryTextAlone) {
  EXPECT_EQ(csv_field("-5.00"), "-5.00");
  EXPECT_EQ(csv_field("+3"), "+3");
  EXPECT_EQ(csv_field("-12.50%"), "-12.50%");
  EXPECT_EQ(csv_field("-"), "-");
  EXPECT_EQ(csv_field("2024-12-31"), "2024-12-31");
  EXPECT_EQ(csv_field("a=b"), "a=b");
  EXPECT_EQ(csv_field("（2024）冀0633执1号"), "（2024）冀0633执1号");
}

}  // namespace
}  // namespace zhixing
