// Direct libpq access for what SOCI does not do well: multi-statement scripts and COPY.
#pragma once

#include <libpq-fe.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>

namespace zhixing::inline store {

PGconn* native_connection(soci::session& sql);

// A libpq result owned through std::unique_ptr: results are never PQclear-ed by hand.
struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// Runs a script of several statements (simple-query protocol); throws with the server's message.
void exec_script(soci::session& sql, const std::string& script);

// COPY … FROM STDIN in text format. Feed rows with field()/end_row(); finish() sends the data.
class CopyIn {
 public:
  CopyIn(soci::session& sql, const std::string& copy_statement);
  ~CopyIn();
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;

  CopyIn& field(std::string_view text);  // escaped for COPY text format
  CopyIn& field(long long value);
  CopyIn& null();
  template <class T>
  CopyIn& field_or_null(const T* value) {
    return value ? field(*value) : null();
  }
  void end_row();
  // Sends buffered data and ends the COPY; returns the rows copied.
  long long finish();

 private:
  void flush_if_large();
  PGconn* conn_;
  std::string buffer_;
  bool first_in_row_ = true;
  bool finished_ = false;
  long long rows_ = 0;
};

}  // namespace zhixing::inline store
