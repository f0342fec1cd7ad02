#include "store/pg_raw.h"

#include <soci/postgresql/soci-postgresql.h>

#include <stdexcept>

namespace zhixing::inline store {

PGconn* native_connection(soci::session& sql) {
  // The backend's RTTI is not exported by libsoci_postgresql: check by name, then cast.
  if (sql.get_backend_name() != "postgresql") throw std::logic_error("not a PostgreSQL session");
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend->conn_;
}

void exec_script(soci::session& sql, const std::string& script) {
  PgResult r(PQexec(native_connection(sql), script.c_str()));
  ExecStatusType st = PQresultStatus(r.get());
  std::string err = PQresultErrorMessage(r.get());
  r.reset();
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
    throw std::runtime_error("SQL 执行失败：" + err);
}

CopyIn::CopyIn(soci::session& sql, const std::string& copy_statement)
    : conn_(native_connection(sql)) {
  PgResult r(PQexec(conn_, copy_statement.c_str()));
  ExecStatusType st = PQresultStatus(r.get());
  std::string err = PQresultErrorMessage(r.get());
  r.reset();
  if (st != PGRES_COPY_IN) throw std::runtime_error("COPY 失败：" + err);
  buffer_.reserve(1 << 20);
}

CopyIn::~CopyIn() {
  if (!finished_) {
    // Abandon the COPY so that the connection stays usable (the transaction rolls back).
    PQputCopyEnd(conn_, "abandoned");
    while (PgResult r{PQgetResult(conn_)}) {
    }
  }
}

CopyIn& CopyIn::field(std::string_view text) {
  if (!first_in_row_) buffer_ += '\t';
  first_in_row_ = false;
  // Runs without a character to escape are appended whole.
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* escaped;
    switch (text[i]) {
      case '\\':
        escaped = "\\\\";
        break;
      case '\t':
        escaped = "\\t";
        break;
      case '\n':
        escaped = "\\n";
        break;
      case '\r':
        escaped = "\\r";
        break;
      default:
        continue;
    }
    buffer_.append(text.data() + start, i - start);
    buffer_ += escaped;
    start = i + 1;
  }
  buffer_.append(text.data() + start, text.size() - start);
  return *this;
}

CopyIn& CopyIn::field(long long value) { return field(std::string_view(std::to_string(value))); }

CopyIn& CopyIn::null() {
  if (!first_in_row_) buffer_ += '\t';
  first_in_row_ = false;
  buffer_ += "\\N";
  return *this;
}

void CopyIn::end_row() {
  buffer_ += '\n';
  first_in_row_ = true;
  ++rows_;
  flush_if_large();
}

void CopyIn::flush_if_large() {
  if (buffer_.size() < (1 << 20)) return;
  if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    throw std::runtime_error(std::string("COPY 数据发送失败：") + PQerrorMessage(conn_));
  buffer_.clear();
}

long long CopyIn::finish() {
  if (!buffer_.empty() &&
      PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    throw std::runtime_error(std::string("COPY 数据发送失败：") + PQerrorMessage(conn_));
  buffer_.clear();
  finished_ = true;
  if (PQputCopyEnd(conn_, nullptr) != 1)
    throw std::runtime_error(std::string("COPY 结束失败：") + PQerrorMessage(conn_));
  std::string err;
  while (PgResult r{PQgetResult(conn_)}) {
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) err = PQresultErrorMessage(r.get());
  }
  if (!err.empty()) throw std::runtime_error("COPY 失败：" + err);
  return rows_;
}

}  // namespace zhixing::inline store
