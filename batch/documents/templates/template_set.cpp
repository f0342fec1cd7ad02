#include "documents/templates/template_set.h"

#include <kainjow/mustache.hpp>

#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "documents/templates/mustache_scan.h"

namespace zhixing::inline documents {
namespace {

namespace mus = kainjow::mustache;

// A value must not start a new markup line.
std::string single_line(const std::string& value) {
  std::string out = value;
  for (char& ch : out)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return out;
}

mus::data to_data(const ContextValue& v) {
  switch (v.type()) {
    case ContextValue::Type::text:
      return mus::data(single_line(v.text_value()));
    case ContextValue::Type::flag:
      return mus::data(v.flag_value());
    case ContextValue::Type::list: {
      mus::data list(mus::data::type::list);
      for (const auto& item : v.items()) list.push_back(to_data(item));
      return list;
    }
    case ContextValue::Type::object:
      break;
  }
  mus::data object(mus::data::type::object);
  for (const auto& member : v.items()) object.set(member.key(), to_data(member));
  return object;
}

// A line of the template that holds tags and renders to nothing (an absent optional value, a
// false inline section) must vanish rather than leave a blank line, which in the markup would
// end the paragraph. Such lines are marked before rendering with a private-use character.
constexpr std::string_view kTagLine = "\xEE\x80\x80";  // U+E000

std::string mark_tag_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string::npos ? text.size() : nl;
    const std::string_view line(text.data() + start, end - start);
    out.append(line);
    if (line.find("{{") != std::string_view::npos) out.append(kTagLine);
    if (nl != std::string::npos) out += '\n';
    start = end + 1;
  }
  return out;
}

std::string drop_empty_tag_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(start, end - start);
    const bool marked = line.find(kTagLine) != std::string::npos;
    for (std::size_t at; (at = line.find(kTagLine)) != std::string::npos;)
      line.erase(at, kTagLine.size());
    const bool empty = line.find_first_not_of(" \t\r") == std::string::npos;
    if (!(marked && empty)) {
      out += line;
      if (nl != std::string::npos) out += '\n';
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string default_project_root() {
#ifdef ZHIXING_SOURCE_DIR
  return ZHIXING_SOURCE_DIR;
#else
  return ".";
#endif
}

std::string template_version(std::string_view content) { return sha256_hex(content); }

TemplateSet::TemplateSet(const std::string& root, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    const std::string path = root + "/templates/" + name + ".mustache";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      failures_[name] = path + ": cannot read the template";
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    Template t{name, path, text.str(), ""};
    t.version = template_version(t.source);
    templates_.emplace(name, std::move(t));
  }
}

const Template& TemplateSet::get(std::string_view name) const {
  if (const auto it = templates_.find(name); it != templates_.end()) return it->second;
  if (const auto it = failures_.find(name); it != failures_.end()) throw TemplateError(it->second);
  throw TemplateError("no template named \"" + std::string(name) + "\"");
}

std::string TemplateSet::render(const Template& tmpl, const ContextValue& context) {
  const MustacheScan scan = scan_mustache(tmpl.source);
  if (!scan.problems.empty())
    throw TemplateError(tmpl.path + ":" + std::to_string(scan.problems.front().line) + ": " +
                        scan.problems.front().message);
  mus::mustache m(mark_tag_lines(strip_standalone_lines(tmpl.source, scan.tags)));
  if (!m.is_valid()) throw TemplateError(tmpl.path + ": " + m.error_message());
  m.set_custom_escape([](const std::string& s) { return s; });  // no HTML escaping
  const std::string out = m.render(to_data(context));
  if (!m.is_valid()) throw TemplateError(tmpl.path + ": " + m.error_message());
  return drop_empty_tag_lines(out);
}

}  // namespace zhixing::inline documents
