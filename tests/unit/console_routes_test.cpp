// The web console's route patterns: literal segments, alternatives, any segment, and which
// surface (pages, API) a route serves.
#include <gtest/gtest.h>

#include "app/web/routes.h"

namespace zhixing::app::web {
namespace {

TEST(ConsoleRoutes, APatternMatchesSegmentBySegmentAndOnlyItsLength) {
  EXPECT_TRUE(pattern_matches({}, {}));
  EXPECT_FALSE(pattern_matches({}, {"runs"}));
  EXPECT_TRUE(pattern_matches({"runs"}, {"runs"}));
  EXPECT_FALSE(pattern_matches({"runs"}, {"runs", "12"}));
  EXPECT_FALSE(pattern_matches({"runs", "*"}, {"runs"}));
  EXPECT_TRUE(pattern_matches({"runs", "*"}, {"runs", "12"}));
  EXPECT_TRUE(pattern_matches({"runs", "*", "restart"}, {"runs", "12", "restart"}));
  EXPECT_FALSE(pattern_matches({"runs", "*", "restart"}, {"runs", "12", "stop"}));
  EXPECT_FALSE(pattern_matches({"runs"}, {"run"}));
  EXPECT_FALSE(pattern_matches({"runs"}, {"runsx"}));
}

TEST(ConsoleRoutes, AlternativesMatchEitherWholeSegment) {
  EXPECT_TRUE(pattern_matches({"batch|batches"}, {"batch"}));
  EXPECT_TRUE(pattern_matches({"batch|batches"}, {"batches"}));
  EXPECT_FALSE(pattern_matches({"batch|batches"}, {"batc"}));
  EXPECT_FALSE(pattern_matches({"batch|batches"}, {"batch|batches"}));
  EXPECT_FALSE(pattern_matches({"batch|batches"}, {""}));
}

TEST(ConsoleRoutes, ARouteServesItsSurface) {
  Route page_only{"GET", {"finance"}, Surface::page, "finance.page", nullptr, nullptr};
  Route api_only{"GET", {"x"}, Surface::api, "x", nullptr, nullptr};
  Route both{"GET", {"cases"}, Surface::both, "cases.list", nullptr, nullptr};
  EXPECT_TRUE(serves(page_only, false));
  EXPECT_FALSE(serves(page_only, true));
  EXPECT_TRUE(serves(api_only, true));
  EXPECT_FALSE(serves(api_only, false));
  EXPECT_TRUE(serves(both, true));
  EXPECT_TRUE(serves(both, false));
}

}  // namespace
}  // namespace zhixing::app::web
