// Checking a sealed PDF by itself (no database): its signature field (read with qpdf), that the
// /ByteRange covers the whole file but /Contents, the CMS signature over the ranges (OpenSSL),
// the chain to one of the trusted roots, and the signer certificate's validity on the
// signature's /M date.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace zhixing::seal {

enum class SignatureStatus {
  valid,
  not_pdf,            // not a PDF qpdf can read
  unsigned_document,  // no signature field with a value
  modified,           // ByteRange does not cover the file, or the digest does not match
  bad_signature,      // the CMS does not verify, or is malformed
  untrusted,          // no chain to a trusted root
  not_valid_on_date,  // the certificate was not valid on the document's date
};

std::string_view signature_status_name(SignatureStatus status);  // "valid", "modified", …
std::string signature_status_message(SignatureStatus status);    // Chinese

struct SignatureCheck {
  SignatureStatus status = SignatureStatus::not_pdf;
  std::string detail;                // what failed, for the log (may be English from OpenSSL)
  std::optional<Date> signing_date;  // /M
  std::string signer_subject;
  std::string signer_fingerprint;  // SHA-256 of the signer's certificate, hex
  std::string file_sha256;         // of the whole file, hex
};

// `trusted_roots_der`: every root the court has used.
SignatureCheck verify_pdf_signature(std::string_view pdf,
                                    const std::vector<std::string>& trusted_roots_der);

}  // namespace zhixing::seal
