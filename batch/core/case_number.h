// 案号 (法〔2015〕137号): （收案年度）法院代字 类型代字 案件编号 号, e.g. （2024）冀0633执1234号.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhixing::inline core {

struct CaseNumber {
  int year = 0;
  std::string court_code;  // 冀0633, 冀06, 冀, 最高法
  std::string type_code;   // 执, 执恢, 司救执 …
  int64_t serial = 0;

  // The canonical text with full-width brackets.
  std::string text() const;

  // Accepts half-width brackets and normalises them; the type code must be one of
  // known_type_codes(). nullopt for anything that breaks the grammar.
  static std::optional<CaseNumber> parse(std::string_view text);

  auto operator<=>(const CaseNumber&) const = default;
};

// The type codes this system knows (the enforcement, relief and related rows of 案件类型及其
// 代字标准 2016).
bool is_known_type_code(std::string_view code);
// Enforcement-implementation types that carry a 执行依据 (title_document required): 执, 执恢.
bool type_requires_title_document(std::string_view code);

}  // namespace zhixing::inline core
