#include "jobs/scheduler.h"

#include <gtest/gtest.h>

#include "jobs/job_runner.h"

namespace zhixing::jobs {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

TEST(Scheduler, ParsesTheScheduleTime) {
  EXPECT_EQ(parse_schedule_time("23:30"), 23 * 60 + 30);
  EXPECT_EQ(parse_schedule_time("00:00"), 0);
  EXPECT_FALSE(parse_schedule_time("24:00"));
  EXPECT_FALSE(parse_schedule_time("7:30"));
  EXPECT_FALSE(parse_schedule_time("23-30"));
}

TEST(Scheduler, TodayIsDueOnlyOnceTheScheduleTimeHasPassed) {
  EXPECT_EQ(latest_due_date(d("2025-01-10"), 23 * 60 + 29, 23 * 60 + 30), d("2025-01-09"));
  EXPECT_EQ(latest_due_date(d("2025-01-10"), 23 * 60 + 30, 23 * 60 + 30), d("2025-01-10"));
  EXPECT_EQ(latest_due_date(d("2025-01-01"), 60, 120), d("2024-12-31")) << "across the year";
}

TEST(Scheduler, CatchesUpEveryDateWithoutACompletedRunOldestFirst) {
  std::set<Date> completed = {d("2024-12-30"), d("2025-01-01")};
  auto due = dates_to_catch_up(d("2024-12-29"), d("2025-01-02"), completed);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0], d("2024-12-29"));
  EXPECT_EQ(due[1], d("2024-12-31"));
  EXPECT_EQ(due[2], d("2025-01-02"));
  EXPECT_TRUE(dates_to_catch_up(d("2025-01-03"), d("2025-01-02"), {}).empty());
}

TEST(JobRunner, TheSummaryJsonNamesTheRunJobDateStatusAndEveryStep) {
  StepInfo import;
  import.name = "import";
  import.status = "completed";
  import.counts = {120, 118, 2, 0};
  import.seconds = 1.5;
  std::string json = summary_json(7, "nightly", "2024-12-31", "completed", 3, {import});
  EXPECT_NE(json.find("\"run_id\": 7"), std::string::npos) << json;
  EXPECT_NE(json.find("\"job\": \"nightly\""), std::string::npos);
  EXPECT_NE(json.find("\"business_date\": \"2024-12-31\""), std::string::npos);
  EXPECT_NE(json.find("\"status\": \"completed\""), std::string::npos);
  EXPECT_NE(
      json.find("{\"name\": \"import\", \"status\": \"completed\", \"read\": 120, \"written\": 118,"
                " \"skipped\": 2, \"failed\": 0, \"seconds\": 1.500}"),
      std::string::npos)
      << json;
}

}  // namespace
}  // namespace zhixing::jobs
