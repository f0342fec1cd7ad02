// The remote workers' role (migration 026) against the real PostgreSQL: zhixing_worker does a
// worker's writes (registration, heartbeat, claims, documents, deliveries, failures) through the
// same store functions a worker calls, and is refused (42501) every other write; and the
// launcher's side of database delivery (jobs/document_delivery.h).
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "core/court_registry.h"
#include "core/sha256.h"
#include "importer/importer.h"
#include "jobs/document_delivery.h"
#include "store/case_loader.h"
#include "store/document_delivery_store.h"
#include "store/document_store.h"
#include "store/job_store.h"
#include "store/relief_grant_store.h"
#include "store/work_queue_store.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDatabase;

// What the statement's failure says: the SQLSTATE, or "ok".
template <class F>
std::string sqlstate_of(F&& run) {
  try {
    run();
    return "ok";
  } catch (const soci::postgresql_soci_error& e) {
    return e.sqlstate();
  }
}

class WorkerRoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    app_ = ScratchDatabase::runtime();
    std::string path = testing::write_temp_file("worker-role.jsonl", testing::case_line() + "\n");
    const CourtRegistry courts = load_courts(ScratchDatabase::settings());
    Importer importer(*app_, courts);
    ASSERT_EQ(importer.import_file(path, [](const RejectedLine&) {}).inserted, 1);
    *app_ << "select id from cases", soci::into(case_id_);
    *app_ << "insert into job_instances (job_name, job_key) values ('nightly', 'business_date="
             "2024-12-31') returning id",
        soci::into(instance_id_);
    *app_ << "insert into job_executions (instance_id, status, host, pid, started_by)"
             " values (:i, 'running', 'db-host', 1, 'test') returning id",
        soci::use(instance_id_), soci::into(execution_id_);
    plan_work_items(
        *app_, instance_id_, "render-documents",
        {{case_id_, "（2024）冀0633执1号", "notice", Date::parse_iso("2024-03-06").value(), 1, 1},
         {case_id_, "（2024）冀0633执1号", "notice", Date::parse_iso("2024-03-07").value(), 1, 1}});
    // The worker: a superuser session (peer) on the scratch database acting as zhixing_worker,
    // so every statement is checked against that role's grants.
    const std::string su =
        std::regex_replace(ScratchDatabase::target().superuser_url, std::regex(R"(dbname=\S+)"),
                           "dbname=" + ScratchDatabase::target().name);
    worker_ = connect(su);
    *worker_ << "set role zhixing_worker";
  }
  std::unique_ptr<soci::session> app_, worker_;
  long long case_id_ = 0, instance_id_ = 0, execution_id_ = 0;
};

TEST_F(WorkerRoleTest, RoleIsNoSuperuserAndCannotCreateOrBypass) {
  int super = 1, createdb = 1, createrole = 1, bypass = 1, login = 0;
  *app_ << "select rolsuper::int, rolcreatedb::int, rolcreaterole::int, rolbypassrls::int,"
           " rolcanlogin::int from pg_roles where rolname = 'zhixing_worker'",
      soci::into(super), soci::into(createdb), soci::into(createrole), soci::into(bypass),
      soci::into(login);
  EXPECT_EQ(super + createdb + createrole + bypass, 0);
  EXPECT_EQ(login, 1);
  EXPECT_EQ(current_role(*worker_), "zhixing_worker");
}

TEST_F(WorkerRoleTest, DoesTheRenderWritesThroughTheWorkersStoreFunctions) {
  JobStore jobs(*worker_);
  const long long worker_id = jobs.insert_worker(execution_id_, "worker-host", 42, "worker");
  jobs.beat_worker(worker_id);
  // What a worker reads to render: its cases, relief records, issued documents.
  EXPECT_EQ(load_cases(*worker_, {case_id_}).size(), 1u);
  EXPECT_NO_THROW(relief_records(*worker_, {case_id_}));
  auto claimed =
      claim_work_items(*worker_, instance_id_, "render-documents", worker_id, 2, 120, std::nullopt);
  ASSERT_EQ(claimed.size(), 2u);
  {
    soci::transaction tx(*worker_);
    DocumentRow row;
    row.case_id = case_id_;
    row.kind = "notice";
    row.event_date = claimed[0].event_date;
    row.template_name = "notice";
    row.template_version = "1";
    const std::string pdf = std::string("%PDF-1.7\n\0binary\xff", 17);
    row.sha256 = sha256_hex(pdf);
    row.size_bytes = static_cast<long long>(pdf.size());
    row.pages = 1;
    row.path = "x/notice.pdf";
    row.issued_by = "nightly";
    ASSERT_TRUE(insert_document(*worker_, row));
    insert_delivery(*worker_, row.id, instance_id_, worker_id, pdf, row.sha256);
    EXPECT_TRUE(
        complete_work_item(*worker_, claimed[0].id, worker_id, execution_id_, "written", row.id));
    tx.commit();
  }
  EXPECT_TRUE(fail_work_item(*worker_, claimed[1].id, worker_id, execution_id_, "render_failed"));
  ItemFailure f;
  f.step_name = "render-documents";
  f.case_id = case_id_;
  f.error_code = "render_failed";
  f.message = "test";
  jobs.record_failure(execution_id_, f);
  jobs.end_worker(worker_id);
  EXPECT_EQ(count_deliveries(*app_, instance_id_), 1);
}

TEST_F(WorkerRoleTest, IsRefusedEveryOtherWrite) {
  const std::string denied = "42501";
  auto refused = [&](const std::string& statement) {
    EXPECT_EQ(sqlstate_of([&] { *worker_ << statement; }), denied) << statement;
  };
  const std::string id = std::to_string(case_id_);
  // Statements touching no row still need the privilege: PostgreSQL checks it before running.
  for (const char* table : {"cases",
                            "parties",
                            "agents",
                            "measures",
                            "settlements",
                            "installments",
                            "receipts",
                            "relief_applications",
                            "relief_assessments",
                            "relief_decisions",
                            "relief_case_counters",
                            "ledger_accounts",
                            "ledger_transactions",
                            "ledger_entries",
                            "ledger_vouchers",
                            "ledger_bank_confirmations",
                            "import_runs",
                            "quarantine",
                            "courts",
                            "plan_watermarks",
                            "job_instances",
                            "job_executions",
                            "step_executions"}) {
    std::string column;  // the table's first column
    std::string t = table;
    *app_ << "select attname from pg_attribute where attrelid = cast(:t as regclass)"
             " and attnum = 1",
        soci::use(t), soci::into(column);
    refused(std::string("insert into ") + table + " default values");
    refused(std::string("update ") + table + " set " + column + " = " + column + " where false");
    refused(std::string("delete from ") + table + " where false");
  }
  refused("update documents set output_dir = '/tmp'");
  refused("update documents set sha256 = sha256");
  refused("delete from documents");
  refused("delete from document_deliveries");
  refused("update document_deliveries set sha256 = sha256");
  refused("delete from ruling_numbers");
  refused("update ruling_numbers set ordinal = 5");
  refused("select * from users");
  refused("select * from audit_log");
  refused(
      "insert into work_items (instance_id, step_name, case_id, case_number, kind,"
      " event_date, event_position) values (" +
      std::to_string(instance_id_) + ", 's', " + id + ", 'n', 'notice', '2024-01-01', 1)");
  refused("update work_items set case_id = case_id");
  refused("update work_items set priority = 0");
  refused("delete from work_items");
  refused("update job_workers set execution_id = execution_id");
  refused("delete from job_workers");
  refused("create table worker_owned (x int)");
}

class DeliveryTest : public WorkerRoleTest {
 protected:
  // A document row (output_dir '') and its delivery, as a remote worker leaves them.
  long long delivered(const std::string& pdf, const std::string& row_sha256,
                      const std::string& path) {
    DocumentRow row;
    row.case_id = case_id_;
    row.kind = "notice";
    row.event_date = Date::parse_iso("2024-03-0" + std::to_string(++n_)).value();
    row.template_name = "notice";
    row.template_version = "1";
    row.sha256 = row_sha256;
    row.size_bytes = static_cast<long long>(pdf.size());
    row.pages = 1;
    row.path = path;
    row.issued_by = "nightly";
    soci::transaction tx(*worker_);
    EXPECT_TRUE(insert_document(*worker_, row));
    insert_delivery(*worker_, row.id, instance_id_, 0, pdf, sha256_hex(pdf));
    tx.commit();
    return row.id;
  }
  fs::path out_ = fs::temp_directory_path() / ("zx-delivery-" + std::to_string(getpid()));
  int n_ = 0;
  void TearDown() override { fs::remove_all(out_); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST_F(DeliveryTest, LauncherWritesDeliveredPdfsAtTheirPathAndDeletesTheRows) {
  const std::string a = std::string("%PDF a\0\x01\x02", 9), b = "%PDF b";
  const long long ida = delivered(a, sha256_hex(a), "J/2024/a.pdf");
  delivered(b, sha256_hex(b), "J/2024/b.pdf");
  EXPECT_EQ(jobs::write_out_deliveries(*app_, instance_id_, out_, 1), 1) << "at most max";
  EXPECT_EQ(jobs::write_out_deliveries(*app_, instance_id_, out_), 1) << "the rest";
  EXPECT_EQ(read(out_ / "J/2024/a.pdf"), a);
  EXPECT_EQ(read(out_ / "J/2024/b.pdf"), b);
  EXPECT_EQ(count_deliveries(*app_, instance_id_), 0);
  auto row = latest_document(*app_, case_id_, "notice", Date::parse_iso("2024-03-01").value(), 1);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->id, ida);
  EXPECT_EQ(row->output_dir, fs::weakly_canonical(out_).string());
  for (const auto& e : fs::recursive_directory_iterator(out_))
    EXPECT_EQ(e.path().string().find(".part-"), std::string::npos) << e.path();
}

TEST_F(DeliveryTest, BytesNotMatchingTheDocumentRowAreNotWrittenAndStay) {
  delivered("%PDF tampered", sha256_hex("%PDF original"), "J/2024/c.pdf");
  try {
    jobs::write_out_deliveries(*app_, instance_id_, out_);
    FAIL() << "a mismatch must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("delivery_mismatch"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(out_ / "J/2024/c.pdf"));
  EXPECT_EQ(count_deliveries(*app_, instance_id_), 1);
}

TEST_F(DeliveryTest, APathLeavingTheOutputFolderIsRefused) {
  delivered("%PDF d", sha256_hex("%PDF d"), "../escape.pdf");
  EXPECT_THROW(jobs::write_out_deliveries(*app_, instance_id_, out_), std::runtime_error);
  EXPECT_FALSE(fs::exists(out_.parent_path() / "escape.pdf"));
}

}  // namespace
}  // namespace zhixing
