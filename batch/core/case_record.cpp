#include "core/case_record.h"

#include <array>

namespace zhixing::inline core {

bool is_livelihood_category(std::string_view category) {
  // case-record.md, `categories`: the livelihood (民生) tags; financial_loan and enterprise
  // are the other, non-priority tags.
  static constexpr std::array<std::string_view, 7> kLivelihood = {
      "migrant_wages",    "elderly_support", "child_support",     "spousal_support",
      "traffic_accident", "personal_injury", "labor_remuneration"};
  for (auto c : kLivelihood)
    if (c == category) return true;
  return false;
}

}  // namespace zhixing::inline core
