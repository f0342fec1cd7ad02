// Cases read back from the database equal the records that were imported.
#include "store/case_loader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "importer/record_parser.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

TEST(CaseLoader, DemoCasesRoundTripExactly) {
  ScratchDatabase::truncate_all();
  auto sql = ScratchDatabase::runtime();
  CourtRegistry courts = load_courts(ScratchDatabase::settings());
  std::ostringstream out;
  DemoOptions options;
  options.cases = 2083;  // the full set: settlements, relief panels, 执恢, transfers
  write_demo_data(out, options);
  std::string path = testing::write_temp_file("demo.jsonl", out.str());
  Importer importer(*sql, courts);
  auto report = importer.import_file(path, [](const RejectedLine& r) { FAIL() << format_rejection(r); });
  ASSERT_EQ(report.inserted, 2083);

  std::map<std::string, CaseRecord> expected;
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line)) {
    auto parsed = parse_case_record(line, courts);
    ASSERT_TRUE(std::holds_alternative<CaseRecord>(parsed));
    auto& rec = std::get<CaseRecord>(parsed);
    expected[rec.case_number.text()] = rec;
  }
  size_t seen = 0, with_settlement = 0, with_relief = 0, with_agents = 0;
  for_each_case(*sql, "", 500, [&](std::vector<LoadedCase>& cases) {
    for (auto& lc : cases) {
      ++seen;
      const CaseRecord& want = expected.at(lc.record.case_number.text());
      EXPECT_EQ(lc.record, want) << lc.record.case_number.text();
      with_settlement += want.settlement.has_value();
      with_relief += want.relief.has_value();
      for (const auto& p : want.parties) with_agents += !p.agents.empty();
      EXPECT_EQ(lc.court_name, "河北省易县人民法院");
      EXPECT_EQ(lc.party_ids.size(), want.parties.size());
    }
  });
  EXPECT_EQ(seen, 2083u);
  EXPECT_GT(with_settlement, 0u) << "the comparison must cover settlements";
  EXPECT_GT(with_relief, 0u) << "the comparison must cover relief applications";
}

TEST(CaseLoader, FindsCasesByEitherBracketForm) {
  ScratchDatabase::truncate_all();
  auto sql = ScratchDatabase::runtime();
  CourtRegistry courts = load_courts(ScratchDatabase::settings());
  Importer importer(*sql, courts);
  importer.import_file(testing::write_temp_file("one.jsonl", testing::case_line() + "\n"),
                       [](const RejectedLine&) {});
  EXPECT_GT(find_case_id(*sql, "（2024）冀0633执1号"), 0);
  EXPECT_EQ(find_case_id(*sql, "(2024)冀0633执1号"), find_case_id(*sql, "（2024）冀0633执1号"));
  EXPECT_EQ(find_case_id(*sql, "（2024）冀0633执2号"), 0);
  EXPECT_EQ(find_case_id(*sql, "garbage"), 0);
}

}  // namespace
}  // namespace zhixing
