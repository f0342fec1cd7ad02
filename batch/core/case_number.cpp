#include "core/case_number.h"

#include <array>

namespace zhixing::inline core {
namespace {

// 案件类型及其代字标准 (2016): the enforcement, relief and related rows.
constexpr std::array<std::string_view, 20> kTypeCodes = {
    "执",     "执恢",   "执保",   "执异",   "执复",   "执监", "执协",   "执他", "司救执", "司救刑",
    "司救民", "司救行", "司救赔", "司救访", "司救他", "司惩", "司惩复", "财保", "民初",   "民终"};

// 法院代字 of the high courts: the provinces' one-character abbreviations as courts use them
// (内 = Inner Mongolia, 兵 = XPCC, 军 = military), plus the common alternative forms
// (蒙, 黔/贵, 滇/云, 蜀/川) so that a real but unregistered court is `unknown_court`, not a
// grammar error.
constexpr std::array<std::string_view, 37> kProvinceAbbreviations = {
    "京", "津", "冀", "晋", "内", "蒙", "辽", "吉", "黑", "沪", "苏", "浙", "皖",
    "闽", "赣", "鲁", "豫", "鄂", "湘", "粤", "桂", "琼", "渝", "川", "蜀", "黔",
    "贵", "云", "滇", "藏", "陕", "甘", "青", "宁", "新", "兵", "军"};

constexpr std::string_view kSupremeCourt = "最高法";
constexpr std::string_view kOpen = "（";   // U+FF08
constexpr std::string_view kClose = "）";  // U+FF09
constexpr std::string_view kHao = "号";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Consumes `prefix` from `s` when it is there.
bool eat(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

size_t digit_run(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  return n;
}

}  // namespace

bool is_known_type_code(std::string_view code) {
  for (auto known : kTypeCodes)
    if (known == code) return true;
  return false;
}

bool type_requires_title_document(std::string_view code) { return code == "执" || code == "执恢"; }

std::string CaseNumber::text() const {
  std::string out;
  out.reserve(32);
  out += kOpen;
  out += std::to_string(year);
  out += kClose;
  out += court_code;
  out += type_code;
  out += std::to_string(serial);
  out += kHao;
  return out;
}

std::optional<CaseNumber> CaseNumber::parse(std::string_view s) {
  CaseNumber n;
  // （YYYY）, half-width brackets accepted and normalised (case-record.md "Text").
  if (!eat(s, kOpen) && !eat(s, "(")) return std::nullopt;
  if (digit_run(s) != 4 || s[0] == '0') return std::nullopt;
  n.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  s.remove_prefix(4);
  if (!eat(s, kClose) && !eat(s, ")")) return std::nullopt;

  // 法院代字: 最高法, or a province abbreviation plus nothing (high court), 2 digits
  // (intermediate court) or 4 digits (basic court).
  if (eat(s, kSupremeCourt)) {
    n.court_code = kSupremeCourt;
  } else {
    bool found = false;
    for (auto abbr : kProvinceAbbreviations) {
      if (eat(s, abbr)) {
        n.court_code = abbr;
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
    size_t digits = digit_run(s);
    if (digits != 0 && digits != 2 && digits != 4) return std::nullopt;
    n.court_code += s.substr(0, digits);
    s.remove_prefix(digits);
  }

  // 类型代字 then 案件编号: type codes contain no digits, so the type code is everything up to
  // the serial's first digit and must be one of the table's rows exactly. This also splits a
  // high court's number such as 冀执5号 (court 冀, type 执) without ambiguity.
  size_t type_end = 0;
  while (type_end < s.size() && !is_digit(s[type_end])) ++type_end;
  std::string_view type = s.substr(0, type_end);
  if (!is_known_type_code(type)) return std::nullopt;
  n.type_code = type;
  s.remove_prefix(type_end);

  // 案件编号: a positive integer without leading zeros; 12 digits is far beyond any court's
  // yearly count (刑事复核 uses 8) and keeps the value well inside int64_t.
  size_t digits = digit_run(s);
  if (digits == 0 || digits > 12 || s[0] == '0') return std::nullopt;
  for (size_t i = 0; i < digits; ++i) n.serial = n.serial * 10 + (s[i] - '0');
  s.remove_prefix(digits);
  if (s != kHao) return std::nullopt;
  return n;
}

}  // namespace zhixing::inline core
