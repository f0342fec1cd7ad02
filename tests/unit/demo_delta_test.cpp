// The night's delta as the benchmarks build it (demo/demo_delta.h): which lines, which measure.
#include "demo/demo_delta.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace zhixing {
namespace {

const std::string kLine =
    R"({"case_number":"X","parties":[{"id":"a1","role":"applicant"},{"id":"r1","role":"respondent"}],)"
    R"("measures":[{"kind":"notice","on":"2024-03-06","against":"r1"}]})";

TEST(DemoDelta, TheNewMeasureRotatesOverTenChangedCases) {
  std::string ban = with_new_measure(kLine, "2025-01-02", 0);
  EXPECT_NE(ban.find(R"({"against":"r1","kind":"consumption_ban","on":"2025-01-02"})"),
            std::string::npos)
      << ban;
  EXPECT_NE(ban.find(R"("kind":"notice")"), std::string::npos) << "the known measure stays";
  EXPECT_NE(with_new_measure(kLine, "2025-01-02", 5).find("property_report_order"),
            std::string::npos);
  std::string freeze = with_new_measure(kLine, "2025-01-02", 19);
  EXPECT_NE(freeze.find(R"("kind":"freeze")"), std::string::npos);
  EXPECT_NE(freeze.find(R"("period":"1y")"), std::string::npos);
  const std::string none = R"({"parties":[{"id":"a1","role":"applicant"}]})";
  EXPECT_EQ(with_new_measure(none, "2025-01-02", 0), none) << "no respondent, no measure";
}

TEST(DemoDelta, EveryNthLineUpToTheLimit) {
  std::string all;
  for (int i = 0; i < 10; ++i) all += kLine + "\n";
  std::istringstream in(all);
  std::ostringstream out;
  EXPECT_EQ(write_demo_delta(in, out, "2025-01-02", 3), 4);  // lines 0, 3, 6, 9
  std::istringstream again(all);
  std::ostringstream limited;
  EXPECT_EQ(write_demo_delta(again, limited, "2025-01-02", 3, 2), 2);
  EXPECT_EQ(limited.str(), with_new_measure(kLine, "2025-01-02", 0) + "\n" +
                               with_new_measure(kLine, "2025-01-02", 1) + "\n");
}

}  // namespace
}  // namespace zhixing
