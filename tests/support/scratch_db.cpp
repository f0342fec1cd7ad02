#include "support/scratch_db.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "core/court_registry.h"
#include "core/id_number.h"
#include "store/migrations.h"
#include "store/pg_raw.h"
#include "store/pg_server.h"

namespace zhixing::testing {

namespace {
std::optional<Settings> g_settings;
std::optional<DatabaseTarget> g_target;
}  // namespace

void ScratchDatabase::SetUp() {
  g_settings = Settings::load();
  // Started first: a fresh cluster's password files exist only after the start.
  if (!database_target(*g_settings).external) PgServer(*g_settings).start();
  DatabaseTarget base = database_target(*g_settings);
  std::string name =
      "zt_" + std::to_string(getpid()) + "_" + std::to_string(time(nullptr) % 100000);
  g_target = with_database_name(base, name);
  create_database_if_missing(*g_target);
  auto owner = connect(g_target->owner_url);
  migrate(*owner, load_migrations(g_settings->migrations_dir()));
  sync_courts(*owner, load_courts(*g_settings));
}

void ScratchDatabase::TearDown() {
  if (!g_target || g_target->superuser_url.empty()) return;
  auto su = connect(g_target->superuser_url);
  *su << "drop database if exists " + g_target->name + " with (force)";
}

const DatabaseTarget& ScratchDatabase::target() { return *g_target; }
const Settings& ScratchDatabase::settings() { return *g_settings; }

void ScratchDatabase::truncate_all() {
  auto owner = connect(g_target->owner_url);
  *owner
      << "truncate item_failures, work_items, job_workers, step_executions, job_executions,"
         " job_instances, ruling_numbers, relief_watermark, relief_case_counters, relief_decisions,"
         " relief_assessments, documents, quarantine, case_sources, receipts, installments,"
         " settlements, relief_applications,"
         " agents, measures, parties, cases, import_runs, users, audit_log restart identity "
         "cascade";
}

void ScratchDatabase::truncate_ledger() {
  auto owner = connect(g_target->owner_url);
  static const char* const tables[] = {"ledger_accounts", "ledger_transactions", "ledger_entries",
                                       "ledger_vouchers", "ledger_bank_confirmations"};
  std::string script;
  for (const char* t : tables) script += std::string("alter table ") + t + " disable trigger user;";
  script +=
      "truncate ledger_bank_confirmations, ledger_vouchers, ledger_entries,"
      " ledger_transactions, ledger_accounts restart identity;";
  for (const char* t : tables) script += std::string("alter table ") + t + " enable trigger user;";
  exec_script(*owner, script);
}

std::string synthetic_id(const std::string& area, const std::string& yyyymmdd, int sequence) {
  char seq[8];
  std::snprintf(seq, sizeof seq, "%03d", sequence % 1000);
  std::string first17 = area + yyyymmdd + seq;
  return first17 + id_number_check_character(first17);
}

std::string case_line(const LineOptions& o) {
  std::string applicant_id = synthetic_id("110105", "19491231", 2);  // the standard's example
  std::string respondent_id = synthetic_id("130633", "19750601", 113);
  std::string line =
      R"({"schema":"zhixing.case/1","case_number":")" + o.case_number + R"(","filed_on":")" +
      o.filed_on +
      R"(","cause":"赡养费纠纷","title_document":{"number":"（2023）冀0633民初567号","kind":"民事判决书","court":"河北省易县人民法院","effective_on":"2023-11-02"},"categories":["elderly_support"],"claim":")" +
      o.claim + R"(","recovered":")" + o.recovered + "\"";
  if (!o.receipts.empty()) line += ",\"receipts\":" + o.receipts;
  line += R"(,"status":")" + o.status + "\"";
  if (!o.closure.empty()) line += ",\"closure\":" + o.closure;
  line +=
      R"(,"officers":{"enforcers":["王立新"],"presiding":"赵志远","judges":["王立新","李红"],"clerk":"陈静"},"parties":[{"id":"a1","role":"applicant","kind":"person","name":")" +
      o.applicant_name +
      R"(","gender":"女","birth_date":"1949-12-31","ethnicity":"汉族","id_number":")" +
      applicant_id +
      R"(","address":"河北省易县易州镇某村","bank_account":{"bank":"中国农业银行易县支行","account":"6228480000000000000"}},{"id":"r1","role":"respondent","kind":"person","name":"刘建国","gender":"男","birth_date":"1975-06-01","ethnicity":"汉族","id_number":")" +
      respondent_id + R"(","address":"河北省易县梁格庄镇某村"}])";
  line +=
      ",\"measures\":" +
      (o.measures.empty() ? std::string(R"([{"kind":"notice","on":"2024-03-06","against":"r1"}])")
                          : o.measures);
  if (!o.settlement.empty()) line += ",\"settlement\":" + o.settlement;
  if (!o.relief.empty()) line += ",\"relief\":" + o.relief;
  line += "}";
  return line;
}

std::string write_temp_file(const std::string& name, const std::string& content) {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("zhixing-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

}  // namespace zhixing::testing
