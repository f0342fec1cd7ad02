#include "documents/kinds/document_kind.h"

#include <array>
#include <utility>

namespace zhixing::inline documents {
namespace {

constexpr std::array<std::pair<DocumentKind, std::string_view>, 10> kNames = {{
    {DocumentKind::notice, "notice"},
    {DocumentKind::property_report_order, "property-report-order"},
    {DocumentKind::ruling_freeze, "ruling-freeze"},
    {DocumentKind::ruling_seal, "ruling-seal"},
    {DocumentKind::assist_notice, "assist-notice"},
    {DocumentKind::ruling_zhongben, "ruling-zhongben"},
    {DocumentKind::consumption_ban, "consumption-ban"},
    {DocumentKind::settlement, "settlement"},
    {DocumentKind::relief_decision, "relief-decision"},
    {DocumentKind::relief_voucher, "relief-voucher"},
}};

}  // namespace

const std::vector<DocumentKind>& all_kinds() {
  static const std::vector<DocumentKind> kinds = [] {
    std::vector<DocumentKind> v;
    for (const auto& [kind, _] : kNames) v.push_back(kind);
    return v;
  }();
  return kinds;
}

std::string_view kind_name(DocumentKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "?";
}

std::optional<DocumentKind> parse_kind(std::string_view name) {
  for (const auto& [kind, n] : kNames)
    if (n == name) return kind;
  return std::nullopt;
}

std::string_view error_code_name(DocumentErrorCode code) {
  switch (code) {
    case DocumentErrorCode::not_applicable:
      return "not_applicable";
    case DocumentErrorCode::precondition_failed:
      return "precondition_failed";
    case DocumentErrorCode::missing_glyph:
      return "missing_glyph";
    case DocumentErrorCode::template_error:
      return "template_error";
    case DocumentErrorCode::render_failed:
      return "render_failed";
    case DocumentErrorCode::db_error:
      return "db_error";
  }
  return "?";
}

DocumentError::DocumentError(DocumentErrorCode code, std::string message)
    : std::runtime_error(std::string(error_code_name(code)) + ": " + message),
      code_(code),
      message_(std::move(message)) {}

}  // namespace zhixing::inline documents
