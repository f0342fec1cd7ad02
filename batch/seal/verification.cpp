#include "seal/verification.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/case_number.h"
#include "core/labels.h"
#include "documents/kinds/ruling_numbers.h"
#include "seal/certificates.h"
#include "store/document_store.h"

namespace zhixing::seal {

std::vector<std::string> trusted_roots(const SealSettings& settings) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(settings.dir / "roots", ec))
    if (entry.path().extension() == ".pem") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.push_back(parse_certificate(text.str()).der);
  }
  return out;
}

namespace {

// The number the document carries: a ruling's case number with its 之N.
std::string printed_number(const IssuedDocument& d) {
  if (d.ruling_ordinal == 0) return d.case_number;
  if (const auto number = CaseNumber::parse(d.case_number))
    return documents::ruling_number_text(*number, d.ruling_ordinal);
  return d.case_number + documents::ruling_suffix(d.ruling_ordinal);
}

}  // namespace

Verdict verify_document(soci::session& sql, std::string_view pdf,
                        const std::vector<std::string>& trusted_roots_der) {
  Verdict v;
  v.signature = verify_pdf_signature(pdf, trusted_roots_der);
  if (v.signature.status != SignatureStatus::valid) {
    v.code = std::string(signature_status_name(v.signature.status));
    v.message = signature_status_message(v.signature.status);
    return v;
  }
  const std::optional<IssuedDocument> row = find_document_by_sha256(sql, v.signature.file_sha256);
  if (!row) {
    v.code = "not_issued";
    v.message = "印章有效，但本院没有签发过这份文件（文件指纹不在文书登记中）";
    return v;
  }
  IssuedDocumentFacts facts;
  facts.case_number = printed_number(*row);
  facts.kind = row->kind;
  facts.kind_title = std::string(document_kind_label(row->kind));
  facts.document_date = row->event_date.iso();
  facts.version = row->version;
  v.issued = facts;
  v.genuine = true;
  v.code = "genuine";
  v.message = "真实有效：本院签发的文书，盖章后未被修改";
  return v;
}

}  // namespace zhixing::seal
