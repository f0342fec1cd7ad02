// From a case and an event to layout blocks: the entry point the `zhixing docs` command calls.
//
//   DocumentRenderer renderer(root);                       // templates/ and config/ below root
//   for (const auto& event : due_events(kind, record, relief)) {   // not_applicable if none
//     auto prepared = renderer.prepare({record, court, event, &relief});
//     renderer.check_glyphs(prepared, first_undrawable);   // missing_glyph, before any drawing
//     layout::Document doc = renderer.render(prepared);     // template_error
//     store(prepared.template_version, …);
//   }
//
// Every failure is a DocumentError with a code from the closed list.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "documents/kinds/document_kind.h"
#include "documents/layout/blocks.h"
#include "documents/templates/context.h"
#include "documents/templates/law_articles.h"
#include "documents/templates/template_set.h"

namespace zhixing::inline documents {

// The first character of `text` that no face of the chain can draw, or nullopt (the font
// module's first_undrawable, adapted).
using FirstUndrawable = std::function<std::optional<char32_t>(std::string_view text)>;

struct PreparedDocument {
  DocumentKind kind = DocumentKind::notice;
  DocumentEvent event;
  std::string template_name;  // "relief-rejection"
  std::string template_path;
  std::string template_version;  // SHA-256 of the template file
  ContextValue context;
  layout::DocumentMetadata metadata;  // title, author = court, subject = case number
  std::string case_number;            // the enforcement case, for messages

  // Every value the template can print, with its path: the glyph-check list.
  std::vector<ContextField> fields() const { return flatten(context); }
};

class DocumentRenderer {
 public:
  // Loads <root>/templates/*.mustache and <root>/config/law-articles.properties; throws
  // std::runtime_error when the law-article table is unreadable or malformed.
  explicit DocumentRenderer(const std::string& project_root = default_project_root());
  DocumentRenderer(TemplateSet templates, LawArticles law);

  // Builds the context and picks the template. Throws DocumentError: not_applicable (the event
  // names nothing the case has), render_failed (the case lacks what the kind needs),
  // template_error (the template file is missing).
  PreparedDocument prepare(const RenderInput& input) const;

  // Throws DocumentError(missing_glyph) for the first field holding a character `first_undrawable`
  // reports: "U+E000 \uE000 in respondents[0].name, case （2024）冀0633执1234号, ruling-freeze".
  static void check_glyphs(const PreparedDocument& prepared,
                           const FirstUndrawable& first_undrawable);

  // Mustache, then the block markup. Throws DocumentError(template_error) with file and line.
  layout::Document render(const PreparedDocument& prepared) const;

  // prepare + check_glyphs (when given) + render. `kind` must be the event's kind
  // (DocumentError not_applicable otherwise).
  layout::Document render_blocks(DocumentKind kind, const RenderInput& input,
                                 const FirstUndrawable& first_undrawable = {}) const;

  const LawArticles& law() const { return law_; }
  const TemplateSet& templates() const { return templates_; }

 private:
  TemplateSet templates_;
  LawArticles law_;
};

// "U+20BB7 𠮷" / "U+4E00 一".
std::string describe_code_point(char32_t cp);

}  // namespace zhixing::inline documents
