// The law-article table (config/law-articles.properties): article numbers by the text of each
// source in force on a document's date (SOURCE.VERSION.KEY: the Civil Procedure Law `cpl`, the
// interpretation of it `interp`, …; every source whose numbering changed between texts), plus
// fixed citations (cite.KEY) of rules whose numbering never changed. Templates cite them as
// {{law.KEY}}, already written 第二百五十三条 (court documents write article numbers in Chinese
// numerals inside citations).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"

namespace zhixing::inline documents {

class LawArticles {
 public:
  // Throws std::runtime_error naming the file and line for a malformed line, a version without
  // in_force, versions of one source with different keys, a KEY defined by two sources, or a
  // value that is not a list of article numbers.
  static LawArticles load(const std::string& path);
  static LawArticles parse(std::string_view text, std::string_view source);

  // The version of `source` in force on `date` ("2023"); the earliest version if `date`
  // precedes all. Throws std::out_of_range for a source the table does not have.
  const std::string& version_on(Date date, std::string_view source = "cpl") const;

  // The sources with versions ("cpl", "interp", …), sorted.
  std::vector<std::string> sources() const;

  // KEY → "第二百五十三条" (or "第一条、第三条"): each source's version in force on `date`, plus
  // the fixed citations, sorted by key.
  std::vector<std::pair<std::string, std::string>> citations_on(Date date) const;

  // Every KEY a template may use as law.KEY.
  std::vector<std::string> keys() const;

 private:
  struct Version {
    std::string name;
    Date in_force;
    std::map<std::string, std::vector<int>> articles;
  };
  // source → its versions, ascending by in_force
  std::map<std::string, std::vector<Version>, std::less<>> sources_;
  std::map<std::string, std::vector<int>> fixed_;
};

// "第二百五十三条" / "第一条、第三条".
std::string cite_articles(const std::vector<int>& articles);

}  // namespace zhixing::inline documents
