// The template files (templates/<name>.mustache), loaded once, each with its version: the
// SHA-256 of its bytes (hex), recorded beside every stored document.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "documents/templates/context.h"

namespace zhixing::inline documents {

// The project folder (ZHIXING_SOURCE_DIR at build time): templates/ and config/ are below it.
std::string default_project_root();

// SHA-256 of the content, lower-case hex.
std::string template_version(std::string_view content);

struct Template {
  std::string name;     // "ruling-freeze"
  std::string path;     // <root>/templates/ruling-freeze.mustache
  std::string source;   // the file's bytes
  std::string version;  // template_version(source)
};

// A template that cannot be read or rendered (document error template_error).
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TemplateSet {
 public:
  // Reads every `names[i]`.mustache below <root>/templates; a missing file is an error only when
  // the template is asked for (get()), so one broken kind does not stop the others.
  TemplateSet(const std::string& root, const std::vector<std::string>& names);

  // Throws TemplateError when the file could not be read.
  const Template& get(std::string_view name) const;

  // Mustache with HTML escaping off and standalone tag lines removed; values are inserted as
  // they are, except that a line break inside a value becomes a space (a value must not start
  // a new markup line). Throws TemplateError naming the file for mustache errors.
  static std::string render(const Template& tmpl, const ContextValue& context);

 private:
  std::map<std::string, Template, std::less<>> templates_;
  std::map<std::string, std::string, std::less<>> failures_;
};

}  // namespace zhixing::inline documents
