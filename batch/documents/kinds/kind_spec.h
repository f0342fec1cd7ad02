// One row of the document-set table: what a kind needs from a case and how it becomes a
// mustache context. Each kind lives in its own file (notice.cpp, ruling_freeze.cpp, …); the
// registry (kind_registry.h) lists them.
#pragma once

#include <string>
#include <vector>

#include "documents/kinds/document_kind.h"
#include "documents/templates/context.h"
#include "documents/templates/law_articles.h"

namespace zhixing::inline documents {

struct BuiltContext {
  std::string template_name;  // "ruling-freeze" → templates/ruling-freeze.mustache
  ContextValue context;
  std::string subject;  // PDF subject: the number the document is filed under
};

struct KindSpec {
  DocumentKind kind;                   // its title is core/labels.h's document_title
  std::vector<std::string> templates;  // the templates this kind renders
  std::vector<std::string> schema;     // paths beyond common_schema()
  BuiltContext (*build)(const RenderInput& input, const LawArticles& law);
};

KindSpec notice_kind();
KindSpec property_report_order_kind();
KindSpec ruling_freeze_kind();
KindSpec ruling_seal_kind();
KindSpec assist_notice_kind();
KindSpec ruling_zhongben_kind();
KindSpec consumption_ban_kind();
KindSpec settlement_kind();
KindSpec relief_decision_kind();
KindSpec relief_voucher_kind();

}  // namespace zhixing::inline documents
