// Is this file a document the court issued? One rule for `zhixing verify` and the public verify
// page: the signature checks (pdf_verify.h) against every root the court has used, and the
// file's SHA-256 is that of an issued document (the documents table), whose case number (with
// 之N), kind and date it reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "seal/pdf_verify.h"
#include "seal/seal_settings.h"

namespace zhixing::seal {

struct IssuedDocumentFacts {
  std::string case_number;    // as printed, with 之N where present
  std::string kind;           // e.g. ruling_freeze
  std::string kind_title;     // e.g. 执行裁定书（冻结）
  std::string document_date;  // ISO date of the document
  int version = 1;
};

struct Verdict {
  bool genuine = false;
  std::string code;     // "genuine", or why not: not_pdf, unsigned_document, modified,
                        // bad_signature, untrusted, not_valid_on_date, not_issued
  std::string message;  // Chinese
  SignatureCheck signature;
  std::optional<IssuedDocumentFacts> issued;
};

// Every root certificate the court has used (seal.dir/roots/*.pem), DER.
std::vector<std::string> trusted_roots(const SealSettings& settings);

Verdict verify_document(soci::session& sql, std::string_view pdf,
                        const std::vector<std::string>& trusted_roots_der);

}  // namespace zhixing::seal
