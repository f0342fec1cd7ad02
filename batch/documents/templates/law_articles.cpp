#include "documents/templates/law_articles.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/chinese_date.h"

namespace zhixing::inline documents {
namespace {

std::string_view trim(std::string_view s) {
  const auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

bool parse_articles(std::string_view value, std::vector<int>& out) {
  out.clear();
  while (true) {
    const std::size_t comma = value.find(',');
    const std::string_view part = trim(value.substr(0, comma));
    int n = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    if (part.empty() || ec != std::errc{} || end != part.data() + part.size() || n < 1 || n > 9999)
      return false;
    out.push_back(n);
    if (comma == std::string_view::npos) return true;
    value = value.substr(comma + 1);
  }
}

}  // namespace

std::string cite_articles(const std::vector<int>& articles) {
  std::string out;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (i) out += "、";
    out += "第" + chinese_numeral(articles[i]) + "条";
  }
  return out;
}

LawArticles LawArticles::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the law-article table");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

LawArticles LawArticles::parse(std::string_view text, std::string_view source) {
  LawArticles table;
  // source → version name → version
  std::map<std::string, std::map<std::string, Version>> sources;
  const auto fail = [&](int line, const std::string& why) {
    throw std::runtime_error(std::string(source) + ":" + std::to_string(line) + ": " + why);
  };
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view raw =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++number;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) fail(number, "expected KEY = VALUE");
    const std::string key(trim(line.substr(0, eq)));
    const std::string_view value = trim(line.substr(eq + 1));
    if (key.starts_with("cite.")) {
      std::vector<int> articles;
      if (!parse_articles(value, articles)) fail(number, "not a list of article numbers: " + key);
      table.fixed_[key.substr(5)] = std::move(articles);
      continue;
    }
    const std::size_t dot1 = key.find('.');
    const std::size_t dot2 = dot1 == std::string::npos ? dot1 : key.find('.', dot1 + 1);
    if (dot1 == std::string::npos || dot1 == 0 || dot2 == std::string::npos || dot2 == dot1 + 1 ||
        dot2 + 1 == key.size() || key.find('.', dot2 + 1) != std::string::npos)
      fail(number, "expected SOURCE.VERSION.KEY or cite.KEY: " + key);
    const std::string src = key.substr(0, dot1);
    const std::string version = key.substr(dot1 + 1, dot2 - dot1 - 1);
    const std::string name = key.substr(dot2 + 1);
    Version& v = sources[src][version];
    v.name = version;
    if (name == "in_force") {
      const auto date = Date::parse_iso(value);
      if (!date) fail(number, "in_force is not a YYYY-MM-DD date: " + key);
      v.in_force = *date;
    } else {
      std::vector<int> articles;
      if (!parse_articles(value, articles)) fail(number, "not a list of article numbers: " + key);
      v.articles[name] = std::move(articles);
    }
  }
  if (!sources.contains("cpl")) fail(number, "no cpl.VERSION entries");
  std::map<std::string, std::string> owner;  // KEY → the source defining it
  for (auto& [src, versions] : sources) {
    std::vector<Version> list;
    for (auto& [name, v] : versions) {
      if (v.in_force == Date{}) fail(number, src + "." + name + ".in_force is missing");
      list.push_back(std::move(v));
    }
    std::sort(list.begin(), list.end(),
              [](const Version& a, const Version& b) { return a.in_force < b.in_force; });
    const auto& first = list.front().articles;
    for (const auto& v : list) {
      for (const auto& [key, _] : first)
        if (!v.articles.contains(key)) fail(number, src + "." + v.name + "." + key + " is missing");
      for (const auto& [key, _] : v.articles) {
        if (!first.contains(key))
          fail(number, src + "." + list.front().name + "." + key + " is missing");
        if (table.fixed_.contains(key)) fail(number, key + " is both a " + src + " and a cite key");
        if (const auto it = owner.find(key); it != owner.end() && it->second != src)
          fail(number, key + " is defined by both " + it->second + " and " + src);
        owner[key] = src;
      }
    }
    table.sources_[src] = std::move(list);
  }
  return table;
}

const std::string& LawArticles::version_on(Date date, std::string_view source) const {
  const auto it = sources_.find(source);
  if (it == sources_.end())
    throw std::out_of_range("law articles: no source " + std::string(source));
  const Version* in_force = &it->second.front();
  for (const auto& v : it->second)
    if (v.in_force <= date) in_force = &v;
  return in_force->name;
}

std::vector<std::string> LawArticles::sources() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : sources_) out.push_back(name);
  return out;
}

std::vector<std::pair<std::string, std::string>> LawArticles::citations_on(Date date) const {
  std::map<std::string, std::string> all;
  for (const auto& [src, versions] : sources_) {
    const std::string& name = version_on(date, src);
    for (const auto& v : versions)
      if (v.name == name)
        for (const auto& [key, articles] : v.articles) all[key] = cite_articles(articles);
  }
  for (const auto& [key, articles] : fixed_) all[key] = cite_articles(articles);
  return {all.begin(), all.end()};
}

std::vector<std::string> LawArticles::keys() const {
  std::vector<std::string> out;
  for (const auto& [_, versions] : sources_)
    for (const auto& [key, articles] : versions.front().articles) out.push_back(key);
  for (const auto& [key, _] : fixed_) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace zhixing::inline documents
