#include "core/case_record.h"

#include <gtest/gtest.h>

using zhixing::is_livelihood_category;

TEST(CaseRecord, LivelihoodCategoriesAreTheSpecsSeven) {
  for (const char* c : {"migrant_wages", "elderly_support", "child_support", "spousal_support",
                        "traffic_accident", "personal_injury", "labor_remuneration"})
    EXPECT_TRUE(is_livelihood_category(c)) << c;
  EXPECT_FALSE(is_livelihood_category("financial_loan"));
  EXPECT_FALSE(is_livelihood_category("enterprise"));
  EXPECT_FALSE(is_livelihood_category(""));
}
