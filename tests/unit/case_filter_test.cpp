// A clerk's filter ("court=冀0633,year=2024") read into typed terms, with the Chinese message
// naming what is wrong.
#include <gtest/gtest.h>

#include <stdexcept>

#include "jobs/document_batch.h"

namespace zhixing {
namespace {

std::string error_of(const std::string& filter) {
  try {
    jobs::parse_case_filter(filter);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(CaseFilter, ReadsEveryKeyInOrder) {
  auto terms = jobs::parse_case_filter("court=冀0633,year=2024,category=elderly_support,status=closed");
  ASSERT_EQ(terms.size(), 4u);
  EXPECT_EQ(terms[0].key, CaseFilterKey::court);
  EXPECT_EQ(terms[0].value, "冀0633");
  EXPECT_EQ(terms[1].key, CaseFilterKey::year);
  EXPECT_EQ(terms[1].value, "2024");
  EXPECT_EQ(terms[2].key, CaseFilterKey::category);
  EXPECT_EQ(terms[2].value, "elderly_support");
  EXPECT_EQ(terms[3].key, CaseFilterKey::status);
  EXPECT_EQ(terms[3].value, "closed");
  EXPECT_EQ(jobs::parse_case_filter(",court=冀0633,").size(), 1u) << "empty parts are skipped";
}

TEST(CaseFilter, NamesTheBadKeyOrValue) {
  EXPECT_EQ(error_of("year=24"), "year 应为四位年份：24");
  EXPECT_EQ(error_of("year=20x4"), "year 应为四位年份：20x4");
  EXPECT_EQ(error_of("status=done"), "status 应为 open、suspended 或 closed：done");
  EXPECT_EQ(error_of("judge=李"), "未知的筛选键 judge（可用 court、year、category、status）");
  EXPECT_EQ(error_of("court"), "筛选条件应为 key=value：court");
  EXPECT_EQ(error_of("=冀0633"), "筛选条件应为 key=value：=冀0633");
  EXPECT_EQ(error_of(","), "筛选条件为空");
  EXPECT_EQ(error_of("court=冀0633"), "") << "a good filter";
}

}  // namespace
}  // namespace zhixing
