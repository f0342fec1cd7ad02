#include "store/import_run_store.h"

namespace zhixing::inline store {

bool import_file_completed(soci::session& sql, const std::string& file_sha256) {
  int done = 0;
  std::string sha = file_sha256;
  sql << "select count(*) from import_runs where file_sha256 = :s and status = 'completed'",
      soci::use(sha), soci::into(done);
  return done > 0;
}

long long start_import_run(soci::session& sql, const std::string& file_name,
                           const std::string& file_sha256) {
  long long id = 0;
  std::string name = file_name, sha = file_sha256;
  sql << "insert into import_runs (file_name, file_sha256) values (:f, :s) returning id",
      soci::use(name), soci::use(sha), soci::into(id);
  return id;
}

bool quarantine_line(soci::session& sql, const QuarantinedLine& line) {
  long long run = line.import_run_id, line_no = line.line_no, bytes = line.line_bytes;
  std::string file_name = line.file_name, code = line.code, message = line.message;
  std::string field = line.field.value_or("");
  soci::indicator field_ind = line.field ? soci::i_ok : soci::i_null;
  std::string number = line.case_number.value_or("");
  soci::indicator number_ind = line.case_number ? soci::i_ok : soci::i_null;
  std::string sha = line.line_sha256, head = line.line_head_hex;
  int inserted = 0;
  sql << "with ins as (insert into quarantine (import_run_id, file_name, line_no, code, field,"
         " message, case_number, line_sha256, line_bytes, line_head) values (:run, :f, :l,"
         " :c, :fi, :m, :cn, :sha, :b, decode(:h, 'hex')) on conflict (line_sha256) do nothing"
         " returning 1) select count(*) from ins",
      soci::use(run), soci::use(file_name), soci::use(line_no), soci::use(code),
      soci::use(field, field_ind), soci::use(message), soci::use(number, number_ind),
      soci::use(sha), soci::use(bytes), soci::use(head), soci::into(inserted);
  return inserted > 0;
}

void complete_import_run(soci::session& sql, long long run_id, const ImportRunCounts& counts) {
  long long id = run_id, lines = counts.lines, ins = counts.inserted, upd = counts.updated,
            unch = counts.unchanged, rej = counts.rejected;
  sql << "update import_runs set status = 'completed', finished_at = now(), lines = :l,"
         " inserted = :i, updated = :u, unchanged = :n, rejected = :r where id = :id",
      soci::use(lines), soci::use(ins), soci::use(upd), soci::use(unch), soci::use(rej),
      soci::use(id);
}

void fail_import_run(soci::session& sql, long long run_id) {
  long long id = run_id;
  sql << "update import_runs set status = 'failed', finished_at = now() where id = :id",
      soci::use(id);
}

}  // namespace zhixing::inline store
