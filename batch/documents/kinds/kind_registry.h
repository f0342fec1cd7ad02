// The table of kinds: spec by kind, by template name, and each kind's context schema.
#pragma once

#include <string_view>
#include <vector>

#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {

const std::vector<KindSpec>& kind_specs();
const KindSpec& kind_spec(DocumentKind kind);
// The kind whose context a template is rendered with; nullptr for an unknown template name.
const KindSpec* kind_spec_for_template(std::string_view template_name);
// Every template name of every kind ("notice", …, "relief-rejection", "relief-voucher").
std::vector<std::string> all_template_names();
// common_schema() + the kind's own paths.
ContextSchema kind_schema(const KindSpec& spec, const LawArticles& law);

}  // namespace zhixing::inline documents
