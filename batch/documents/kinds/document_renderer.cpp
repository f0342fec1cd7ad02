#include "documents/kinds/document_renderer.h"

#include "core/utf8.h"

#include <cstdio>

#include "core/labels.h"
#include "documents/kinds/kind_registry.h"
#include "documents/templates/markup.h"

namespace zhixing::inline documents {
namespace {

using zhixing::append_utf8;

}  // namespace

std::string describe_code_point(char32_t cp) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X ", static_cast<unsigned>(cp));
  std::string out(hex);
  if (cp >= 0x20 && cp != 0x7F) append_utf8(out, cp);
  return out;
}

DocumentRenderer::DocumentRenderer(const std::string& project_root)
    : DocumentRenderer(TemplateSet(project_root, all_template_names()),
                       LawArticles::load(project_root + "/config/law-articles.properties")) {}

DocumentRenderer::DocumentRenderer(TemplateSet templates, LawArticles law)
    : templates_(std::move(templates)), law_(std::move(law)) {}

PreparedDocument DocumentRenderer::prepare(const RenderInput& input) const {
  const KindSpec& spec = kind_spec(input.event.kind);
  BuiltContext built;
  try {
    built = spec.build(input, law_);
  } catch (const DocumentError&) {
    throw;
  } catch (const std::exception& e) {  // a value out of range for a converter, ICU failing
    throw DocumentError(DocumentErrorCode::render_failed,
                        input.case_record.case_number.text() + ", " +
                            std::string(kind_name(spec.kind)) + ": " + e.what());
  }
  const Template* tmpl = nullptr;
  try {
    tmpl = &templates_.get(built.template_name);
  } catch (const TemplateError& e) {
    throw DocumentError(DocumentErrorCode::template_error, e.what());
  }
  PreparedDocument p;
  p.kind = spec.kind;
  p.event = input.event;
  p.template_name = tmpl->name;
  p.template_path = tmpl->path;
  p.template_version = tmpl->version;
  p.context = std::move(built.context);
  p.metadata = {std::string(document_title(kind_name(spec.kind))), input.court.name, built.subject};
  p.case_number = input.case_record.case_number.text();
  return p;
}

void DocumentRenderer::check_glyphs(const PreparedDocument& prepared,
                                    const FirstUndrawable& first_undrawable) {
  if (!first_undrawable) return;
  for (const auto& field : prepared.fields()) {
    if (const auto cp = first_undrawable(field.value)) {
      throw DocumentError(DocumentErrorCode::missing_glyph,
                          describe_code_point(*cp) + " in " + field.path + ", case " +
                              prepared.case_number + ", " + std::string(kind_name(prepared.kind)));
    }
  }
}

layout::Document DocumentRenderer::render(const PreparedDocument& prepared) const {
  try {
    const Template& tmpl = templates_.get(prepared.template_name);
    const std::string markup = TemplateSet::render(tmpl, prepared.context);
    layout::Document doc = parse_markup(markup, tmpl.path + " (rendered)");
    doc.metadata = prepared.metadata;
    return doc;
  } catch (const TemplateError& e) {
    throw DocumentError(DocumentErrorCode::template_error,
                        std::string(e.what()) + " (case " + prepared.case_number + ")");
  } catch (const BadMarkup& e) {
    throw DocumentError(DocumentErrorCode::template_error,
                        std::string(e.what()) + " (case " + prepared.case_number + ")");
  }
}

layout::Document DocumentRenderer::render_blocks(DocumentKind kind, const RenderInput& input,
                                                 const FirstUndrawable& first_undrawable) const {
  if (input.event.kind != kind)
    throw DocumentError(DocumentErrorCode::not_applicable,
                        input.case_record.case_number.text() + ": a " +
                            std::string(kind_name(input.event.kind)) + " event cannot give a " +
                            std::string(kind_name(kind)));
  const PreparedDocument prepared = prepare(input);
  check_glyphs(prepared, first_undrawable);
  return render(prepared);
}

}  // namespace zhixing::inline documents
