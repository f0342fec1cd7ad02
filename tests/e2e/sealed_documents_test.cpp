// Sealed documents as the court issues them: the nightly run seals every sealed kind with the
// test run's SoftHSM2 token (tests/e2e/main.cpp), pdfsig accepts each signature and, with the
// court root in an NSS database, trusts the certificate; one changed byte breaks it; the row
// records the signer's fingerprint; the settlement is sealed only when configured; a document
// dated outside the certificate's validity and a run after it has expired are refused; a
// process without the token neither renders nor claims a sealed kind; reruns give the same bytes
// and --reissue seals a document issued before sealing existed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/sha256.h"
#include "documents/kinds/document_kind.h"
#include "seal/certificates.h"
#include "support/scratch_db.h"
#include "support/seal_token.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
namespace fs = std::filesystem;
using Output = testing::CommandResult;

Output sh(const std::string& cmd) { return testing::run_shell(cmd); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

seal::CertificateInfo only_pem_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pem") files.push_back(e.path());
  EXPECT_EQ(files.size(), 1u) << dir;
  return seal::parse_certificate(slurp(files.at(0)));
}

LineOptions settlement_case(const std::string& number) {
  LineOptions o;
  o.case_number = number;
  o.claim = "500000";
  o.settlement =
      R"({"signed_on":"2024-04-01","total":"34500","installments":[{"due_on":"2024-09-30","amount":"34500"}]})";
  return o;
}

// A case with a settlement and a granted relief application (a decision and, once the grant is
// posted, a voucher): the kinds the demo cases do not have.
std::string settlement_and_relief_case(const std::string& number) {
  LineOptions o = settlement_case(number);
  o.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,)"
             R"("household_monthly_income":"300","has_dibao":true,"medical_expenses":"0",)"
             R"("prior_compensation":"0","flags":[],"panel":{"decided_on":"2024-09-02",)"
             R"("granted":true,"amount":"30000","members":["赵志远","王立新","李红"]}})";
  return case_line(o);
}

class SealedDocuments : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    dir_ = fs::temp_directory_path() / ("zhixing-seal-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "inbox");
    // The test run's token (tests/e2e/main.cpp): its seal certificate and root.
    const fs::path seal_dir = testing::test_seal_token().dir;
    certificate_ = only_pem_in(seal_dir / "certs");
    root_pem_ = [&] {
      for (const auto& e : fs::directory_iterator(seal_dir / "roots"))
        if (e.path().extension() == ".pem") return e.path();
      return fs::path();
    }();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // env: extra "KEY=value " assignments.
  Output zhixing(const std::string& args, const std::string& env = "") {
    return sh("ZHIXING_DB_NAME=" + ScratchDatabase::target().name + " ZHIXING_PATHS_INBOX=" +
              (dir_ / "inbox").string() + " ZHIXING_PATHS_OUTPUT=" + (dir_ / "out").string() + " " +
              env + " " + ZHIXING_BINARY + " " + args);
  }
  long long scalar(const std::string& query) {
    auto sql = ScratchDatabase::runtime();
    long long v = 0;
    *sql << query, soci::into(v);
    return v;
  }
  // The demo's first 30 cases and the settlement/relief case, and money for the grant.
  void write_demo_inbox() {
    Output gen = zhixing("demo-data --cases 30 --out " + (dir_ / "inbox" / "demo.jsonl").string());
    ASSERT_EQ(gen.exit_code, 0) << gen.out;
    std::ofstream(dir_ / "inbox" / "extra.jsonl")
        << settlement_and_relief_case("（2024）冀0633执9001号") << "\n";
    ASSERT_EQ(zhixing("users add cw --role finance").exit_code, 0);
    Output fund =
        zhixing("ledger post --user cw --amount 1000000 --key 易财行〔2024〕9号 --year 2024");
    ASSERT_EQ(fund.exit_code, 0) << fund.out;
  }

  struct Issued {
    std::string case_number, kind, path, sha256, signer;
    int version = 1;
  };
  // Every issued document, the file checked against its row.
  std::vector<Issued> issued(const std::string& where = "true") {
    auto sql = ScratchDatabase::runtime();
    soci::rowset<soci::row> rows =
        (sql->prepare << "select c.case_number, d.kind, d.output_dir || '/' || d.path, d.sha256,"
                         " coalesce(d.signer_fingerprint, ''), d.version from documents d"
                         " join cases c on c.id = d.case_id where " +
                             where + " order by 1, 2, d.event_date, d.event_position, d.version");
    std::vector<Issued> out;
    for (const auto& r : rows) {
      Issued d{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
               r.get<std::string>(3), r.get<std::string>(4), r.get<int>(5)};
      EXPECT_EQ(sha256_hex(slurp(d.path)), d.sha256) << d.path;
      out.push_back(std::move(d));
    }
    return out;
  }

  fs::path dir_;
  seal::CertificateInfo certificate_;
  fs::path root_pem_;
};

void expect_valid_signature(const std::string& pdf, const std::string& nssdir = "") {
  Output r = sh("pdfsig " + (nssdir.empty() ? "" : "-nssdir " + nssdir + " ") + "'" + pdf + "'");
  EXPECT_NE(r.out.find("Signature is Valid"), std::string::npos) << pdf << "\n" << r.out;
  EXPECT_NE(r.out.find("Total document signed"), std::string::npos) << pdf << "\n" << r.out;
  if (!nssdir.empty()) {
    EXPECT_NE(r.out.find("Certificate is Trusted"), std::string::npos) << pdf << "\n" << r.out;
  }
}

void expect_unsigned(const std::string& pdf) {
  Output r = sh("pdfsig '" + pdf + "'");
  EXPECT_NE(r.out.find("does not contain any signatures"), std::string::npos) << pdf << "\n"
                                                                              << r.out;
}

TEST_F(SealedDocuments, TheNightlySealsEveryKindButTheSettlementAndPdfsigAcceptsEach) {
  write_demo_inbox();
  Output r = zhixing("nightly --date 2024-12-31");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto docs = issued();
  std::map<std::string, const Issued*> first_of_kind;
  for (const auto& d : docs) first_of_kind.emplace(d.kind, &d);
  for (auto kind : documents::all_kinds())
    EXPECT_TRUE(first_of_kind.count(std::string(documents::kind_name(kind))))
        << documents::kind_name(kind) << " not issued\n"
        << r.out;
  // Every row of a sealed kind names the certificate; the settlement's names none.
  for (const auto& d : docs)
    EXPECT_EQ(d.signer, d.kind == "settlement" ? "" : certificate_.fingerprint)
        << d.case_number << " " << d.kind;

  // The court root in an NSS database: pdfsig then trusts the seal's certificate too.
  const fs::path nss = dir_ / "nss";
  fs::create_directories(nss);
  ASSERT_EQ(sh("certutil -N --empty-password -d " + nss.string()).exit_code, 0);
  Output add =
      sh("certutil -A -n court-root -t CT,C,C -i '" + root_pem_.string() + "' -d " + nss.string());
  ASSERT_EQ(add.exit_code, 0) << add.out;
  for (const auto& [kind, d] : first_of_kind) {
    SCOPED_TRACE(kind);
    if (kind == "settlement") {
      expect_unsigned(d->path);
      continue;
    }
    expect_valid_signature(d->path);
    expect_valid_signature(d->path, nss.string());
  }

  // One changed byte inside the signed range: pdfsig no longer accepts the signature.
  const Issued* ruling = first_of_kind.at("ruling-freeze");
  std::string bytes = slurp(ruling->path);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(bytes, m, std::regex(R"(/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+))")));
  const std::size_t first_range_end = std::stoul(m[1].str());
  // A byte of the document's metadata (its /Producer or /Title string), else mid-range.
  std::size_t at = bytes.find("/Producer (");
  at = at != std::string::npos && at < first_range_end ? at + 12 : first_range_end / 2;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  const fs::path tampered = dir_ / "tampered.pdf";
  std::ofstream(tampered, std::ios::binary) << bytes;
  Output t = sh("pdfsig '" + tampered.string() + "'");
  EXPECT_EQ(t.out.find("Signature is Valid"), std::string::npos) << t.out;
  EXPECT_TRUE(t.out.find("Signature is Invalid") != std::string::npos ||
              t.out.find("Digest Mismatch") != std::string::npos)
      << t.out;
}

TEST_F(SealedDocuments, ARerunGivesIdenticalBytesAndTheSettlementIsSealedWhenConfigured) {
  write_demo_inbox();
  ASSERT_EQ(zhixing("nightly --date 2024-12-31").exit_code, 0);
  const auto before = issued();
  // A clerk renders the same events again: RSA PKCS#1 v1.5 is deterministic, so the sealed
  // bytes are the same and the issued rows are reused.
  for (const char* kind : {"ruling-freeze", "relief-voucher", "notice"}) {
    Output again = zhixing(std::string("docs --kind ") + kind + " --filter court=冀0633 --out " +
                           (dir_ / "again").string());
    EXPECT_EQ(again.exit_code, 0) << again.out;
    EXPECT_NE(again.out.find("写入 0 份"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("保留 0 份，失败 0 份"), std::string::npos) << "nothing differs\n"
                                                                         << again.out;
  }
  const auto after = issued();
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i].sha256, after[i].sha256);

  // The settlement: unsealed by default; with seal.settlement = true a reissue seals it.
  const auto settlement = issued("d.kind = 'settlement'");
  ASSERT_EQ(settlement.size(), 1u);
  expect_unsigned(settlement[0].path);
  Output sealed = zhixing("docs --kind settlement --case （2024）冀0633执9001号 --reissue --out " +
                              (dir_ / "out" / "documents").string(),
                          "ZHIXING_SEAL_SETTLEMENT=true");
  ASSERT_EQ(sealed.exit_code, 0) << sealed.out;
  const auto v2 = issued("d.kind = 'settlement' and d.version = 2");
  ASSERT_EQ(v2.size(), 1u) << sealed.out;
  EXPECT_EQ(v2[0].signer, certificate_.fingerprint);
  expect_valid_signature(v2[0].path);
}

TEST_F(SealedDocuments, AReissueSealsADocumentIssuedBeforeSealingExisted) {
  std::ofstream(dir_ / "inbox" / "a.jsonl") << case_line() << "\n";
  ASSERT_EQ(zhixing("import " + (dir_ / "inbox" / "a.jsonl").string()).exit_code, 0);
  const std::string out = (dir_ / "out" / "documents").string();
  const std::string args = "docs --kind notice --case （2024）冀0633执1号 --out " + out;
  Output v1 = zhixing(args, "ZHIXING_SEAL_ENABLED=false");
  ASSERT_EQ(v1.exit_code, 0) << v1.out;
  const auto unsealed = issued();
  ASSERT_EQ(unsealed.size(), 1u);
  EXPECT_EQ(unsealed[0].signer, "");
  expect_unsigned(unsealed[0].path);
  const std::string v1_bytes = slurp(unsealed[0].path);

  // Sealing now on: the issued version stays as it is …
  Output kept = zhixing(args);
  EXPECT_EQ(kept.exit_code, 0) << kept.out;
  EXPECT_NE(kept.out.find("保留"), std::string::npos) << kept.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 1);
  // … and --reissue makes a sealed version 2 beside it.
  Output v2 = zhixing(args + " --reissue");
  ASSERT_EQ(v2.exit_code, 0) << v2.out;
  const auto both = issued();
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[1].version, 2);
  EXPECT_EQ(both[1].signer, certificate_.fingerprint);
  expect_valid_signature(both[1].path);
  EXPECT_EQ(slurp(both[0].path), v1_bytes) << "version 1 untouched";
}

TEST_F(SealedDocuments, ADocumentDatedOutsideTheCertificateIsAnItemErrorAndTheRunGoesOn) {
  ASSERT_EQ(certificate_.not_before.iso(), "2024-01-01") << "the test token's validity";
  LineOptions o;
  o.case_number = "（2023）冀0633执801号";
  o.filed_on = "2023-12-01";
  o.measures = R"([{"kind":"notice","on":"2023-12-05","against":"r1"},)"
               R"({"kind":"property_report_order","on":"2024-01-05","against":"r1"}])";
  std::ofstream(dir_ / "inbox" / "cases.jsonl") << case_line(o) << "\n";
  Output r = zhixing("nightly --date 2024-12-31");
  EXPECT_EQ(r.exit_code, 3) << "completed with a skipped item\n" << r.out;
  EXPECT_EQ(scalar("select count(*) from item_failures where error_code = 'seal_not_valid'"), 1)
      << r.out;
  EXPECT_NE(r.out.find("seal_not_valid"), std::string::npos) << r.out;
  const auto docs = issued();
  ASSERT_EQ(docs.size(), 1u) << r.out;
  EXPECT_EQ(docs[0].kind, "property-report-order");
  expect_valid_signature(docs[0].path);
}

TEST_F(SealedDocuments, ARunAfterTheCertificateExpiredFailsBeforeRenderingAnything) {
  std::ofstream(dir_ / "inbox" / "cases.jsonl") << case_line() << "\n";
  const Date after = certificate_.not_after.plus_days(1);
  Output r = zhixing("nightly --date " + after.iso());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("seal_expired"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("已经过期"), std::string::npos) << r.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 0);
  EXPECT_FALSE(fs::exists(dir_ / "out" / "documents")) << "no file written";
  EXPECT_EQ(scalar("select count(*) from work_items where status = 'pending'"),
            scalar("select count(*) from work_items"))
      << "every item left to a run with a valid certificate";
}

TEST_F(SealedDocuments, WithoutTheTokenALauncherRefusesAndAWorkerClaimsOnlyUnsealedKinds) {
  const std::string no_token = "ZHIXING_SEAL_TOKEN_LABEL=no-such-token";
  std::string lines;
  // 40 items (a notice and a settlement each): more than the launcher's first claim of 16.
  for (int i = 1; i <= 20; ++i)
    lines +=
        case_line(settlement_case("（2024）冀0633执" + std::to_string(9000 + i) + "号")) + "\n";
  std::ofstream(dir_ / "inbox" / "cases.jsonl") << lines;

  Output refused = zhixing("nightly --date 2024-12-31", no_token);
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("token_unavailable"), std::string::npos) << refused.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 0);

  // The launcher with the token, slowly; a worker without it joins.
  const std::string slow = "ZHIXING_JOBS_ITEM_DELAY_MS=150 ZHIXING_JOBS_THREADS=1";
  Output launcher, worker;
  std::thread tl([&] { launcher = zhixing("nightly --date 2024-12-31 --rerun", slow); });
  std::thread tw([&] { worker = zhixing("worker --wait 60", slow + " " + no_token); });
  tl.join();
  tw.join();
  ASSERT_EQ(launcher.exit_code, 0) << launcher.out;
  ASSERT_EQ(worker.exit_code, 0) << worker.out;
  EXPECT_NE(worker.out.find("只领取不加盖印章的文书种类：settlement"), std::string::npos)
      << worker.out;
  EXPECT_EQ(scalar("select count(*) from work_items i join job_workers w on w.id = i.claimed_by"
                   " where w.role = 'worker' and i.kind <> 'settlement'"),
            0)
      << worker.out;
  EXPECT_EQ(scalar("select count(*) from documents where kind <> 'settlement'"
                   " and signer_fingerprint is null"),
            0)
      << "no sealed kind issued unsealed";
  EXPECT_GT(scalar("select count(*) from work_items i join job_workers w on w.id = i.claimed_by"
                   " where w.role = 'worker' and i.kind = 'settlement'"),
            0)
      << "the worker did render the unsealed kind\n"
      << worker.out;
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'settlement'"), 20);
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'notice'"), 20);
}

// A clerk's batch (the job `batch`, through the same render queue as the nightly) seals too; its
// business date is today, inside the test certificate's validity.
TEST_F(SealedDocuments, AClerkBatchSealsItsDocuments) {
  std::ofstream(dir_ / "inbox" / "a.jsonl") << case_line() << "\n";
  ASSERT_EQ(zhixing("import " + (dir_ / "inbox" / "a.jsonl").string()).exit_code, 0);
  Output r = zhixing("batch --kind notice --case （2024）冀0633执1号 --request clerk-seal --out " +
                     (dir_ / "batch").string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto docs = issued();
  ASSERT_EQ(docs.size(), 1u) << r.out;
  EXPECT_EQ(docs[0].signer, certificate_.fingerprint);
  expect_valid_signature(docs[0].path);
}

TEST_F(SealedDocuments, WithSealingDisabledNothingIsSealed) {
  std::ofstream(dir_ / "inbox" / "cases.jsonl") << case_line() << "\n";
  Output r = zhixing("nightly --date 2024-12-31", "ZHIXING_SEAL_ENABLED=false");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto docs = issued();
  ASSERT_FALSE(docs.empty());
  for (const auto& d : docs) {
    EXPECT_EQ(d.signer, "");
    expect_unsigned(d.path);
    const std::string bytes = slurp(d.path);
    EXPECT_EQ(bytes.find("/AcroForm"), std::string::npos) << "no signature field at all";
    EXPECT_EQ(bytes.find("/ByteRange"), std::string::npos);
  }
}

}  // namespace
}  // namespace zhixing
