#include "core/recovered_as_of.h"

#include <gtest/gtest.h>

using namespace zhixing;

namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

CaseRecord base() {
  CaseRecord c;
  c.filed_on = d("2024-03-05");
  c.claim = Money::from_yuan(36000);
  c.recovered = Money::from_yuan(1500);
  c.status = "open";
  return c;
}

}  // namespace

TEST(RecoveredAsOf, SumsTheReceiptsDatedOnOrBeforeTheDay) {
  CaseRecord c = base();
  c.receipts =
      std::vector<Receipt>{{d("2024-04-01"), Money::from_yuan(1000), "deduct", "R1"},
                           {d("2024-06-01"), Money::from_yuan(500), std::nullopt, std::nullopt}};
  EXPECT_EQ(recovered_as_of(c, d("2024-03-31")), Money{});
  EXPECT_EQ(recovered_as_of(c, d("2024-04-01")), Money::from_yuan(1000));
  EXPECT_EQ(recovered_as_of(c, d("2024-05-31")), Money::from_yuan(1000));
  EXPECT_EQ(recovered_as_of(c, d("2024-06-01")), Money::from_yuan(1500));
  EXPECT_EQ(recovered_as_of(c, d("2030-01-01")), Money::from_yuan(1500));
}

TEST(RecoveredAsOf, AnEmptyListMeansNothingRecoveredOnAnyDay) {
  CaseRecord c = base();
  c.recovered = Money{};
  c.receipts.emplace();
  EXPECT_EQ(recovered_as_of(c, d("2024-03-05")), Money{});
}

TEST(RecoveredAsOf, WithoutReceiptsTheTotalIsKnownFromTheClosureOn) {
  CaseRecord c = base();
  EXPECT_FALSE(recovered_as_of(c, d("2030-01-01"))) << "open case: never guessed";
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), false};
  EXPECT_FALSE(recovered_as_of(c, d("2024-07-14")));
  EXPECT_EQ(recovered_as_of(c, d("2024-07-15")), Money::from_yuan(1500));
  EXPECT_EQ(recovered_as_of(c, d("2024-09-01")), Money::from_yuan(1500));
}
