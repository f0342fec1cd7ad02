#include "documents/templates/template_check.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "documents/kinds/kind_registry.h"
#include "documents/templates/law_articles.h"
#include "documents/templates/markup.h"
#include "documents/templates/mustache_scan.h"

namespace zhixing::inline documents {
namespace {

using Node = ContextSchema::Node;

const Node* descend(const Node* node, std::string_view dotted) {
  while (node && !dotted.empty()) {
    const std::size_t dot = dotted.find('.');
    const auto it = node->children.find(dotted.substr(0, dot));
    node = it == node->children.end() ? nullptr : &it->second;
    dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
  }
  return node;
}

// Mustache name lookup: the innermost scope that holds the whole dotted path.
const Node* resolve(const std::vector<const Node*>& scopes, std::string_view name) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it)
    if (const Node* n = descend(*it, name)) return n;
  return nullptr;
}

bool is_value(const Node& n) { return !n.list && n.children.empty(); }

void check_names(const MustacheScan& scan, std::string_view file, const ContextSchema& schema,
                 std::vector<TemplateProblem>& out) {
  using T = MustacheTag::Type;
  std::vector<const Node*> scopes = {&schema.root()};
  std::vector<bool> pushed;  // per open section: whether it pushed a scope
  for (const auto& tag : scan.tags) {
    if (tag.type == T::comment) continue;
    if (tag.type == T::end) {
      if (!pushed.empty()) {
        if (pushed.back()) scopes.pop_back();
        pushed.pop_back();
      }
      continue;
    }
    const Node* node = nullptr;
    if (tag.name == ".") {
      const Node* inner = scopes.back();
      if (scopes.size() > 1 && inner->children.empty()) node = inner;
      if (!node) out.push_back({std::string(file), tag.line, "{{.}} outside a list of values"});
    } else {
      node = resolve(scopes, tag.name);
      if (!node)
        out.push_back({std::string(file), tag.line, "unknown variable {{" + tag.name + "}}"});
    }
    if (tag.type == T::section || tag.type == T::inverted) {
      const bool push = tag.type == T::section && node != nullptr;
      if (push) scopes.push_back(node);
      pushed.push_back(push);
    } else if (node && !is_value(*node) && tag.name != ".") {
      out.push_back({std::string(file), tag.line,
                     "{{" + tag.name + "}} is a " + (node->list ? "list" : "group") +
                         ", not a value: use it as a section"});
    }
  }
}

void check_markup(std::string_view source, const MustacheScan& scan, std::string_view file,
                  std::vector<TemplateProblem>& out) {
  using T = MustacheTag::Type;
  std::vector<MarkupLine> lines;
  std::size_t line_begin = 0;
  int number = 0;
  auto tag = scan.tags.begin();
  while (line_begin < source.size()) {
    ++number;
    const std::size_t nl = source.find('\n', line_begin);
    const std::size_t line_end = nl == std::string_view::npos ? source.size() : nl;
    const std::size_t next = nl == std::string_view::npos ? source.size() : nl + 1;
    if (!is_standalone_line(source, line_begin, line_end, scan.tags)) {
      std::string text;
      bool had_tags = false;
      std::size_t pos = line_begin;
      while (tag != scan.tags.end() && tag->begin < line_end) {
        if (tag->begin >= pos) {
          text.append(source.substr(pos, tag->begin - pos));
          if (tag->type == T::variable || tag->type == T::unescaped) text += "X";
          pos = tag->end;
          had_tags = true;
        }
        ++tag;
      }
      text.append(source.substr(pos, line_end - pos));
      // A line of tags that renders to nothing vanishes (template_set.cpp), so skip it.
      const bool empty = text.find_first_not_of(" \t\r") == std::string::npos;
      if (!(had_tags && empty)) lines.push_back({number, std::move(text)});
    } else {
      while (tag != scan.tags.end() && tag->begin < line_end) ++tag;
    }
    line_begin = next;
  }
  try {
    parse_markup_lines(lines, file);
  } catch (const BadMarkup& e) {
    out.push_back({std::string(file), e.line(), "bad markup: " + e.reason()});
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string TemplateProblem::str() const {
  return file + ":" + std::to_string(line) + ": " + message;
}

std::vector<TemplateProblem> check_template(std::string_view source, std::string_view file,
                                            const ContextSchema& schema) {
  std::vector<TemplateProblem> out;
  const MustacheScan scan = scan_mustache(source);
  for (const auto& p : scan.problems) out.push_back({std::string(file), p.line, p.message});
  if (!scan.problems.empty()) return out;  // names and markup need a well-formed template
  check_names(scan, file, schema, out);
  check_markup(source, scan, file, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return out;
}

std::vector<TemplateProblem> check_templates(const std::string& project_root) {
  namespace fs = std::filesystem;
  std::vector<TemplateProblem> out;
  const std::string law_file = "config/law-articles.properties";
  LawArticles law;
  try {
    law = LawArticles::load(project_root + "/" + law_file);
  } catch (const std::exception& e) {
    out.push_back({law_file, 0, e.what()});
    return out;
  }
  for (const auto& name : all_template_names()) {
    const std::string file = "templates/" + name + ".mustache";
    const fs::path path = fs::path(project_root) / file;
    if (!fs::exists(path)) {
      out.push_back({file, 0,
                     "missing: the " + std::string(kind_name(kind_spec_for_template(name)->kind)) +
                         " documents need it"});
      continue;
    }
    const auto problems =
        check_template(read_file(path), file, kind_schema(*kind_spec_for_template(name), law));
    out.insert(out.end(), problems.begin(), problems.end());
  }
  std::error_code ec;
  std::vector<std::string> extra;
  for (const auto& entry : fs::directory_iterator(fs::path(project_root) / "templates", ec)) {
    if (entry.path().extension() != ".mustache") continue;
    if (!kind_spec_for_template(entry.path().stem().string()))
      extra.push_back("templates/" + entry.path().filename().string());
  }
  std::sort(extra.begin(), extra.end());
  for (const auto& file : extra) out.push_back({file, 0, "no document kind uses this template"});
  return out;
}

}  // namespace zhixing::inline documents
