// The documents table: what was issued for which event, with its SHA-256 and where it lies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace zhixing::inline store {

struct DocumentRow {
  long long id = 0;
  long long case_id = 0;
  std::string kind;
  Date event_date;
  int event_position = 1;
  int version = 1;
  std::string template_name;
  std::string template_version;
  std::string sha256;
  long long size_bytes = 0;
  int pages = 0;
  std::string output_dir;
  std::string path;  // relative to output_dir
  std::string issued_by;
  // SHA-256 of the sealing certificate's DER (lower-case hex); empty: issued unsealed (NULL).
  std::string signer_fingerprint;
};

// The latest version issued for the event, if any.
std::optional<DocumentRow> latest_document(soci::session& sql, long long case_id,
                                           const std::string& kind, Date event_date, int position);

// Inserts the row unless that (event, version) exists already (a concurrent writer won):
// returns true when this call inserted it.
bool insert_document(soci::session& sql, DocumentRow& row);

// An event that has a document (some version) issued.
struct IssuedEvent {
  long long case_id = 0;
  std::string kind;
  std::string event_date;  // ISO
  int event_position = 1;
};

// The issued events of the given cases: of every kind, or (kind not empty) of that kind.
std::vector<IssuedEvent> issued_events(soci::session& sql, const std::vector<long long>& case_ids,
                                       const std::string& kind = "");

// An issued document found by the SHA-256 of its file (zhixing verify, the public verify page).
struct IssuedDocument {
  long long id = 0;
  std::string case_number;
  std::string kind;
  Date event_date;
  int version = 1;
  int ruling_ordinal = 0;          // a ruling's 之N (ruling_numbers); 0 for the case number alone
  std::string signer_fingerprint;  // empty for a document issued unsealed
};
std::optional<IssuedDocument> find_document_by_sha256(soci::session& sql,
                                                      const std::string& sha256);

}  // namespace zhixing::inline store
