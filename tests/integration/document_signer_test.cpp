// documents.signer_fingerprint (migration 021): the sealing certificate's fingerprint is stored
// with a sealed document and read back; an unsealed document's is NULL.
#include <gtest/gtest.h>

#include "core/court_registry.h"
#include "importer/importer.h"
#include "store/database.h"
#include "store/document_store.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

TEST(DocumentSigner, TheFingerprintIsStoredWithASealedDocumentAndNullForAnUnsealedOne) {
  ScratchDatabase::truncate_all();
  auto sql = ScratchDatabase::runtime();
  CourtRegistry courts = load_courts(ScratchDatabase::settings());
  Importer importer(*sql, courts);
  const std::string path = testing::write_temp_file("signer.jsonl", testing::case_line() + "\n");
  ASSERT_EQ(importer.import_file(path, [](const RejectedLine&) {}).inserted, 1);
  long long case_id = 0;
  *sql << "select id from cases", soci::into(case_id);

  const std::string fingerprint(64, 'a');
  DocumentRow row;
  row.case_id = case_id;
  row.kind = "notice";
  row.event_date = *Date::parse_iso("2024-03-06");
  row.template_name = "notice";
  row.template_version = std::string(64, '0');
  row.sha256 = std::string(64, '1');
  row.size_bytes = 1000;
  row.pages = 1;
  row.output_dir = "/tmp";
  row.path = "a.pdf";
  row.issued_by = "nightly";
  row.signer_fingerprint = fingerprint;
  ASSERT_TRUE(insert_document(*sql, row));
  auto read = latest_document(*sql, case_id, "notice", row.event_date, 1);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->signer_fingerprint, fingerprint);

  DocumentRow unsealed = row;
  unsealed.kind = "settlement";
  unsealed.signer_fingerprint.clear();
  ASSERT_TRUE(insert_document(*sql, unsealed));
  auto read2 = latest_document(*sql, case_id, "settlement", row.event_date, 1);
  ASSERT_TRUE(read2);
  EXPECT_EQ(read2->signer_fingerprint, "");
  long long nulls = 0;
  *sql << "select count(*) from documents where signer_fingerprint is null", soci::into(nulls);
  EXPECT_EQ(nulls, 1);

  // Only a SHA-256 in lower-case hex is a fingerprint.
  DocumentRow bad = row;
  bad.version = 2;
  bad.signer_fingerprint = "not-a-fingerprint";
  EXPECT_THROW(insert_document(*sql, bad), soci::soci_error);
}

}  // namespace
}  // namespace zhixing
