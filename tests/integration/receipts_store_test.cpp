// Receipts and closure.applicant_informed_on through the importer, the store and the loader against
// the real PostgreSQL: append-only updates, round trip, old files unchanged.
#include <gtest/gtest.h>

#include "core/court_registry.h"
#include "importer/importer.h"
#include "importer/record_parser.h"
#include "store/case_loader.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
using testing::write_temp_file;

const char* kTwoReceipts =
    R"([{"on":"2024-03-20","amount":"1000","source":"deduct","reference":"YX-001"},)"
    R"({"on":"2024-05-06","amount":"200.50"}])";
const char* kThreeReceipts =
    R"([{"on":"2024-03-20","amount":"1000","source":"deduct","reference":"YX-001"},)"
    R"({"on":"2024-05-06","amount":"200.50"},)"
    R"({"on":"2024-06-10","amount":"99.50","source":"payment","reference":"YX-002"}])";

class ReceiptsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
    courts_ = load_courts(ScratchDatabase::settings());
  }

  ImportReport import(const std::string& content, std::vector<RejectedLine>* rejects = nullptr) {
    Importer importer(*sql_, courts_);
    return importer.import_file(write_temp_file("cases.jsonl", content),
                                [&](const RejectedLine& r) {
                                  if (rejects) rejects->push_back(r);
                                });
  }

  CaseRecord load_only_case() {
    long long id = find_case_id(*sql_, "（2024）冀0633执1号");
    EXPECT_GT(id, 0);
    auto cases = load_cases(*sql_, {id});
    EXPECT_EQ(cases.size(), 1u);
    return cases.empty() ? CaseRecord{} : cases.front().record;
  }

  CaseRecord parsed(const std::string& line) {
    auto r = parse_case_record(line, courts_);
    EXPECT_TRUE(std::holds_alternative<CaseRecord>(r));
    return std::holds_alternative<CaseRecord>(r) ? std::get<CaseRecord>(r) : CaseRecord{};
  }

  long long receipts_count() {
    long long n = 0;
    *sql_ << "select count(*) from receipts", soci::into(n);
    return n;
  }

  std::unique_ptr<soci::session> sql_;
  CourtRegistry courts_;
};

LineOptions with_two() {
  LineOptions o;
  o.recovered = "1200.50";
  o.receipts = kTwoReceipts;
  return o;
}

TEST_F(ReceiptsStore, ReceiptsAndApplicantInformedOnRoundTripThroughStoreAndLoader) {
  LineOptions o = with_two();
  o.status = "closed";
  o.closure =
      R"({"kind":"terminated_current","on":"2024-07-15","applicant_informed_on":"2024-07-01"})";
  const std::string line = case_line(o);
  ASSERT_EQ(import(line + "\n").inserted, 1);
  CaseRecord loaded = load_only_case();
  EXPECT_EQ(loaded, parsed(line));
  ASSERT_TRUE(loaded.receipts);
  ASSERT_EQ(loaded.receipts->size(), 2u);
  EXPECT_EQ((*loaded.receipts)[0].reference, "YX-001");
  EXPECT_EQ((*loaded.receipts)[0].source, "deduct");
  EXPECT_EQ((*loaded.receipts)[1].amount.fen(), 20050);
  ASSERT_TRUE(loaded.closure);
  EXPECT_EQ(loaded.closure->applicant_informed_on->iso(), "2024-07-01");
}

TEST_F(ReceiptsStore, AnEmptyReceiptListRoundTripsAsEmptyNotAbsent) {
  LineOptions o;
  o.receipts = "[]";
  const std::string line = case_line(o);
  import(line + "\n");
  CaseRecord loaded = load_only_case();
  ASSERT_TRUE(loaded.receipts);
  EXPECT_TRUE(loaded.receipts->empty());
  EXPECT_EQ(loaded, parsed(line));
}

TEST_F(ReceiptsStore, AFileWithoutReceiptsImportsAsBefore) {
  LineOptions o;
  o.recovered = "500";
  o.status = "closed";
  o.closure = R"({"kind":"performed","on":"2024-07-15"})";
  const std::string line = case_line(o);
  auto report = import(line + "\n");
  EXPECT_EQ(report.inserted, 1);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(receipts_count(), 0);
  CaseRecord loaded = load_only_case();
  EXPECT_FALSE(loaded.receipts);
  EXPECT_FALSE(loaded.closure->applicant_informed_on);
  EXPECT_EQ(loaded, parsed(line));
  LineOptions later = o;  // an update without receipts stays without
  later.recovered = "600";
  later.closure = R"({"kind":"performed","on":"2024-07-15","applicant_informed_on":"2024-07-01"})";
  EXPECT_EQ(import(case_line(later) + "\n").updated, 1);
  CaseRecord updated = load_only_case();
  EXPECT_FALSE(updated.receipts);
  ASSERT_TRUE(updated.closure->applicant_informed_on) << "set by an update";
  EXPECT_EQ(updated.closure->applicant_informed_on->iso(), "2024-07-01");
  EXPECT_EQ(updated, parsed(case_line(later)));
}

TEST_F(ReceiptsStore, AnUpdateAddingAReceiptIsAccepted) {
  import(case_line(with_two()) + "\n");
  LineOptions u = with_two();
  u.recovered = "1300";
  u.receipts = kThreeReceipts;
  auto report = import(case_line(u) + "\n");
  EXPECT_EQ(report.updated, 1);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(receipts_count(), 3);
  CaseRecord loaded = load_only_case();
  ASSERT_EQ(loaded.receipts->size(), 3u);
  EXPECT_EQ((*loaded.receipts)[2].reference, "YX-002");
  EXPECT_EQ(loaded.recovered.fen(), 130000);
  EXPECT_EQ(loaded, parsed(case_line(u)));
}

TEST_F(ReceiptsStore, ReceiptsMayBeAddedToACaseImportedWithoutThem) {
  LineOptions o;
  import(case_line(o) + "\n");
  EXPECT_EQ(import(case_line(with_two()) + "\n").updated, 1);
  EXPECT_EQ(receipts_count(), 2);
}

TEST_F(ReceiptsStore, ChangingOrDroppingAReceiptIsAConflictAndWritesNothing) {
  import(case_line(with_two()) + "\n");

  LineOptions changed_amount = with_two();  // same reference, other amount (and total)
  changed_amount.recovered = "1300.50";
  changed_amount.receipts =
      R"([{"on":"2024-03-20","amount":"1100","source":"deduct","reference":"YX-001"},)"
      R"({"on":"2024-05-06","amount":"200.50"}])";
  LineOptions changed_date = with_two();  // a receipt without reference moved to another day
  changed_date.receipts =
      R"([{"on":"2024-03-20","amount":"1000","source":"deduct","reference":"YX-001"},)"
      R"({"on":"2024-05-07","amount":"200.50"}])";
  LineOptions dropped = with_two();  // one receipt left out, the other kept, total unchanged
  dropped.receipts =
      R"([{"on":"2024-03-20","amount":"1200.50","source":"deduct","reference":"YX-009"}])";
  LineOptions omitted = with_two();  // the field left out altogether
  omitted.receipts.clear();

  std::vector<RejectedLine> rejects;
  auto report = import(case_line(changed_amount) + "\n" + case_line(changed_date) + "\n" +
                           case_line(dropped) + "\n" + case_line(omitted) + "\n",
                       &rejects);
  EXPECT_EQ(report.rejected, 4);
  ASSERT_EQ(rejects.size(), 4u);
  for (const auto& r : rejects) EXPECT_EQ(r.rejection.code, "conflict") << r.rejection.message;
  EXPECT_EQ(rejects[0].rejection.field, "receipts[0]");
  EXPECT_NE(rejects[0].rejection.message.find("YX-001"), std::string::npos);
  EXPECT_EQ(rejects[1].rejection.field, "receipts");
  EXPECT_NE(rejects[1].rejection.message.find("2024-05-06"), std::string::npos)
      << rejects[1].rejection.message;
  EXPECT_EQ(rejects[2].rejection.field, "receipts");
  EXPECT_EQ(rejects[3].rejection.field, "receipts");

  EXPECT_EQ(receipts_count(), 2);
  EXPECT_EQ(load_only_case(), parsed(case_line(with_two()))) << "nothing written";
}

TEST_F(ReceiptsStore, TheRuntimeRoleCannotRewriteAReceipt) {
  import(case_line(with_two()) + "\n");
  EXPECT_THROW((*sql_ << "update receipts set amount_fen = 1"), soci::soci_error);
  EXPECT_THROW((*sql_ << "delete from receipts"), soci::soci_error);
}

}  // namespace
}  // namespace zhixing
