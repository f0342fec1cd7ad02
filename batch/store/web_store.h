// What the web console (app/web) reads and writes that no other module does: the audit log
// (sql/006_web.sql), and the read-only views of cases, documents,
// batches and ledger transactions that the pages list. Values come back as stored: masking of
// ID numbers and accounts is the console's job at the point of display.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace zhixing::inline store {

struct AuditEntry {
  long long id = 0;
  std::string at;  // local time, to the second (reads)
  std::string user_name;
  std::string role;
  std::string action;
  std::string target;
  std::string remote_addr;
  std::string result;  // ok or an error code
  int http_status = 200;
};

void insert_audit(soci::session& sql, const AuditEntry& entry);
// Most recent first.
std::vector<AuditEntry> recent_audit(soci::session& sql, int limit, const std::string& user = "");

struct CaseListRow {
  long long id = 0;
  std::string case_number;
  std::string court_code;
  int year = 0;
  std::string cause;
  std::string status;
  std::string closure_kind;
  std::string filed_on;
  long long claim_fen = 0;
  long long recovered_fen = 0;
  std::string categories;  // comma separated
  bool livelihood = false;
};

// Cases whose number contains `number_part` (empty: any), newest first.
std::vector<CaseListRow> find_cases(soci::session& sql, const std::string& number_part, int limit);
std::optional<CaseListRow> case_by_id(soci::session& sql, long long id);

struct PartyRow {
  long long id = 0;
  std::string role, kind, name, id_number, uscc, bank_name, bank_account, phone, address;
};
std::vector<PartyRow> parties_of_case(soci::session& sql, long long case_id);

struct MeasureRow {
  int position = 0;
  std::string kind, taken_on, against, target, result, note;
  std::optional<long long> amount_fen;
};
std::vector<MeasureRow> measures_of_case(soci::session& sql, long long case_id);

struct IssuedDocument {
  long long id = 0;
  long long case_id = 0;
  std::string case_number;
  std::string kind;
  std::string event_date;
  int event_position = 1;
  int version = 1;
  std::string sha256;
  long long size_bytes = 0;
  int pages = 0;
  std::string output_dir;
  std::string path;  // relative to output_dir
  std::string issued_by;
  std::string created_at;
};
std::vector<IssuedDocument> documents_of_case(soci::session& sql, long long case_id);
std::optional<IssuedDocument> document_by_id(soci::session& sql, long long id);
// The latest version of each document the instance's queue finished (a batch's documents,
// whether issued by it or found issued before), in case-number order.
std::vector<IssuedDocument> documents_of_instance(soci::session& sql, long long instance_id);

// job_instances.parameters as JSON text ("{}" when unknown).
std::string instance_parameters(soci::session& sql, long long instance_id);

struct TransactionFilter {
  std::string kind;       // empty: any
  int year = 0;           // 0: any
  std::string applicant;  // part of the applicant's name
  std::string from, to;   // business dates, ISO, inclusive; empty: open
  int limit = 200;
};

struct TransactionRow {
  long long id = 0;
  std::string kind;
  std::string key;
  std::string court_code;
  int year = 0;
  long long amount_fen = 0;
  std::string business_date;
  std::string applicant_name;
  long long applicant_party_id = 0;
  std::string decision_number;
  std::string voucher_number;
  std::string posted_by;
  std::string posted_at;
  long long reverses_id = 0;
  bool reversed = false;
};
// Newest first.
std::vector<TransactionRow> ledger_transactions(soci::session& sql, const TransactionFilter& f);

}  // namespace zhixing::inline store
