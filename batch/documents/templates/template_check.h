// `zhixing templates check`: validates every template file without rendering a case.
//   - mustache syntax: unclosed tags and sections, stray end tags, partials, delimiter changes;
//   - unknown variables: a name the kind's context schema does not declare (resolved the way
//     mustache resolves it: innermost section first, then outwards), or a list or object used
//     as a value;
//   - bad markup: the template with its tags replaced by placeholder text is parsed as block
//     markup, so an unknown directive or text outside a paragraph is reported on its template
//     line;
//   - files: a kind's template missing, or a .mustache file no kind uses.
// Each problem names the file (relative to the project folder) and the 1-based line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "documents/templates/context.h"

namespace zhixing::inline documents {

struct TemplateProblem {
  std::string file;  // templates/notice.mustache
  int line = 0;
  std::string message;
  std::string str() const;  // "templates/notice.mustache:12: unknown variable {{clam}}"
};

// One template's text against a schema; `file` is used in the problems.
std::vector<TemplateProblem> check_template(std::string_view source, std::string_view file,
                                            const ContextSchema& schema);

// Every template below <root>/templates against its kind's schema (the law keys come from
// <root>/config/law-articles.properties; a broken table is a problem of that file).
std::vector<TemplateProblem> check_templates(const std::string& project_root);

}  // namespace zhixing::inline documents
