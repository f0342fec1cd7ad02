// The law-article table (config/law-articles.properties): CPL article numbers by the version of
// the law in force on a document's date, plus fixed citations of judicial interpretations.
// Templates cite them as {{law.KEY}}, already written 第二百五十三条 (documents.md §1: article
// numbers in Chinese numerals inside citations).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"

namespace zhixing::documents {

class LawArticles {
 public:
  // Throws std::runtime_error naming the file and line for a malformed line, a version without
  // in_force, versions with different keys, or a value that is not a list of article numbers.
  static LawArticles load(const std::string& path);
  static LawArticles parse(std::string_view text, std::string_view source);

  // The CPL version in force on `date` ("2023"); the earliest version if `date` precedes all.
  const std::string& version_on(Date date) const;

  // KEY → "第二百五十三条" (or "第一条、第三条"), for the version in force on `date` plus the
  // fixed citations, sorted by key.
  std::vector<std::pair<std::string, std::string>> citations_on(Date date) const;

  // Every KEY a template may use as law.KEY.
  std::vector<std::string> keys() const;

 private:
  struct Version {
    std::string name;
    Date in_force;
    std::map<std::string, std::vector<int>> articles;
  };
  std::vector<Version> versions_;  // ascending by in_force
  std::map<std::string, std::vector<int>> fixed_;
};

// "第二百五十三条" / "第一条、第三条".
std::string cite_articles(const std::vector<int>& articles);

}  // namespace zhixing::documents
