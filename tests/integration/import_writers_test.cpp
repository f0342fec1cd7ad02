// The importer with several writers (import.writers): batches written at once on connections
// of their own store exactly what one writer stores — the same rows, the cases and parties (which
// other rows refer to) with the same ids, the same report and the same rejections in line order —
// including cases updated in a later batch while an earlier one is still being written, and a bad
// line repeated across batches.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/court_registry.h"
#include "importer/importer.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
using testing::write_temp_file;

// 40 new cases, then for every third an update (one more measure), a conflicting line for case
// 7 (another filing date), a bad line three times and a line that is not JSON.
std::string mixed_file() {
  std::string content;
  auto number = [](int i) { return "（2024）冀0633执" + std::to_string(i) + "号"; };
  for (int i = 1; i <= 40; ++i) {
    LineOptions o;
    o.case_number = number(i);
    content += case_line(o) + "\n";
    if (i % 10 == 0) content += "{\"schema\": \"zhixing.case/1\", \"case_number\": 12}\n";
  }
  for (int i = 1; i <= 40; i += 3) {
    LineOptions o;
    o.case_number = number(i);
    o.measures =
        R"([{"kind":"notice","on":"2024-03-06","against":"r1"},{"kind":"freeze","on":"2024-04-02","against":"r1","amount":"1000","target":"易县农村信用社","period":"1y"}])";
    content += case_line(o) + "\n";
  }
  LineOptions conflict;
  conflict.case_number = number(7);
  conflict.filed_on = "2024-02-01";
  content += case_line(conflict) + "\nnot json\n";
  return content;
}

struct Outcome {
  ImportReport report;
  std::vector<std::string> rejections;
  std::string rows;
};

Outcome import_with(size_t writers, const std::string& file) {
  ScratchDatabase::truncate_all();
  auto sql = ScratchDatabase::runtime();
  CourtRegistry courts = load_courts(ScratchDatabase::settings());
  ImportOptions options;
  options.batch_size = 4;  // many batches: a case's update lands in a later one
  options.writers = writers;
  options.connection_url = ScratchDatabase::target().runtime_url;
  Outcome out;
  out.report = Importer(*sql, courts, options).import_file(file, [&](const RejectedLine& r) {
    out.rejections.push_back(format_rejection(r));
  });
  std::string row;
  soci::rowset<std::string> rows = sql->prepare
      << "select concat_ws('|', 'case', id, case_number, import_run_id, source_line,"
         " updated_run_id, updated_line, record_sha256) from cases"
         " union all select concat_ws('|', 'party', id, case_id, party_key) from parties"
         " union all select concat_ws('|', 'measure', case_id, position, kind, against_party)"
         "   from measures"
         " union all select concat_ws('|', 'source', case_id, record_sha256, source_line)"
         "   from case_sources"
         " union all select concat_ws('|', 'quarantine', line_no, code, field) from quarantine"
         " order by 1";
  for (const std::string& r : rows) out.rows += r + "\n";
  return out;
}

TEST(ImportWriters, TwoWritersStoreWhatOneWriterStores) {
  const std::string file = write_temp_file("mixed.jsonl", mixed_file());
  const Outcome one = import_with(1, file);
  const Outcome two = import_with(2, file);
  const Outcome four = import_with(4, file);

  EXPECT_EQ(one.report.inserted, 40);
  EXPECT_EQ(one.report.updated, 14);
  EXPECT_EQ(one.report.rejected, 6) << "four bad lines, a line that is not JSON and a conflict";
  EXPECT_EQ(one.report.quarantined, 3) << "the bad line repeated four times is stored once";
  for (const Outcome* o : {&two, &four}) {
    EXPECT_EQ(o->report.lines, one.report.lines);
    EXPECT_EQ(o->report.inserted, one.report.inserted);
    EXPECT_EQ(o->report.updated, one.report.updated);
    EXPECT_EQ(o->report.unchanged, one.report.unchanged);
    EXPECT_EQ(o->report.rejected, one.report.rejected);
    EXPECT_EQ(o->report.quarantined, one.report.quarantined);
    EXPECT_EQ(o->report.batches, one.report.batches);
    EXPECT_EQ(o->rejections, one.rejections) << "rejections in line order";
    EXPECT_TRUE(o->rows == one.rows) << "the same rows, cases and parties with the same ids";
  }
  ASSERT_FALSE(one.rejections.empty());
  EXPECT_NE(one.rejections.back().find("line 60"), std::string::npos) << one.rejections.back();
}

TEST(ImportWriters, ConfiguredBetweenOneAndSixteen) {
  EXPECT_EQ(import_options(ScratchDatabase::settings()).writers, 2u);
}

}  // namespace
}  // namespace zhixing
