#include "documents/kinds/kind_registry.h"

#include "documents/kinds/kind_context.h"

namespace zhixing::inline documents {

const std::vector<KindSpec>& kind_specs() {
  static const std::vector<KindSpec> specs = {
      notice_kind(),          property_report_order_kind(),
      ruling_freeze_kind(),   ruling_seal_kind(),
      assist_notice_kind(),   ruling_zhongben_kind(),
      consumption_ban_kind(), settlement_kind(),
      relief_decision_kind(), relief_voucher_kind(),
  };
  return specs;
}

const KindSpec& kind_spec(DocumentKind kind) {
  for (const auto& s : kind_specs())
    if (s.kind == kind) return s;
  throw std::logic_error("kind_spec: kind without a spec");
}

const KindSpec* kind_spec_for_template(std::string_view template_name) {
  for (const auto& s : kind_specs())
    for (const auto& t : s.templates)
      if (t == template_name) return &s;
  return nullptr;
}

std::vector<std::string> all_template_names() {
  std::vector<std::string> out;
  for (const auto& s : kind_specs()) out.insert(out.end(), s.templates.begin(), s.templates.end());
  return out;
}

ContextSchema kind_schema(const KindSpec& spec, const LawArticles& law) {
  ContextSchema schema(common_schema(law));
  for (const auto& p : spec.schema) schema.add(p);
  return schema;
}

}  // namespace zhixing::inline documents
