// The demo data's fixed tables: the causes of action with their weights and claim ranges, the
// closure kinds, and the scripted judicial relief applications.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace zhixing::inline demo {

struct CauseSpec {
  std::string_view cause;
  std::string_view category;      // "" = none
  std::string_view alt_category;  // used for alt_permille of the cases ("" = none)
  int alt_permille;
  int weight;
  int64_t claim_lo_yuan;  // claims are log-uniform-ish in [lo, lo·2^doublings)
  int doublings;
  int applicant_org_permille;
  bool bank_applicant;
  int respondent_org_permille;
  int applicant_age_min, applicant_age_max, applicant_male_permille;
  int max_respondents;
  std::string_view ground;  // relief ground
};

// Weights are per mille of new cases; claim ranges make the mean claim about ¥220k with the
// heavy tail in loans, sales and construction (the court recovered ¥263m on ~2,000 cases).
inline constexpr std::array<CauseSpec, 19> kCauses = {{
    {"民间借贷纠纷", "", "", 0, 280, 12000, 7, 80, false, 70, 28, 70, 620, 2, "other"},
    {"买卖合同纠纷", "", "", 0, 160, 11000, 7, 600, false, 500, 28, 65, 700, 2, "other"},
    {"劳务合同纠纷", "migrant_wages", "", 0, 55, 3000, 5, 0, false, 450, 22, 60, 850, 1, "other"},
    {"追索劳动报酬纠纷", "migrant_wages", "labor_remuneration", 400, 35, 5000, 4, 0, false, 800, 22,
     58, 800, 1, "other"},
    {"赡养费纠纷", "elderly_support", "", 0, 25, 2000, 4, 0, false, 0, 65, 88, 420, 3, "support"},
    {"抚养费纠纷", "child_support", "", 0, 35, 5000, 4, 0, false, 0, 3, 16, 500, 1, "support"},
    {"扶养费纠纷", "spousal_support", "", 0, 8, 5000, 3, 0, false, 0, 45, 78, 300, 1, "support"},
    {"离婚纠纷", "", "child_support", 400, 40, 10000, 5, 0, false, 0, 25, 55, 350, 1, "support"},
    {"机动车交通事故责任纠纷", "traffic_accident", "", 0, 90, 20000, 5, 0, false, 150, 18, 80, 600,
     2, "tort_injury"},
    {"提供劳务者受害责任纠纷", "personal_injury", "", 0, 30, 20000, 4, 0, false, 200, 30, 65, 850,
     1, "tort_injury"},
    {"生命权、身体权、健康权纠纷", "personal_injury", "", 0, 20, 10000, 5, 0, false, 50, 20, 75,
     550, 1, "tort_injury"},
    {"金融借款合同纠纷", "financial_loan", "", 0, 25, 100000, 5, 1000, true, 300, 0, 0, 0, 3,
     "other"},
    {"信用卡纠纷", "financial_loan", "", 0, 15, 10000, 4, 1000, true, 0, 0, 0, 0, 1, "other"},
    {"建设工程施工合同纠纷", "enterprise", "", 0, 40, 50000, 6, 800, false, 900, 35, 60, 900, 1,
     "other"},
    {"租赁合同纠纷", "", "", 0, 30, 10000, 5, 400, false, 300, 30, 65, 600, 1, "other"},
    {"承揽合同纠纷", "", "", 0, 20, 10000, 5, 500, false, 500, 30, 65, 700, 1, "other"},
    {"服务合同纠纷", "", "", 0, 15, 5000, 5, 700, false, 500, 30, 65, 600, 1, "other"},
    {"房屋买卖合同纠纷", "", "", 0, 20, 50000, 4, 100, false, 200, 28, 65, 550, 1, "other"},
    {"不当得利纠纷", "", "", 0, 10, 5000, 5, 200, false, 200, 28, 65, 600, 1, "other"},
}};

constexpr int cause_index(std::string_view name) {
  for (size_t i = 0; i < kCauses.size(); ++i)
    if (kCauses[i].cause == name) return static_cast<int>(i);
  return -1;
}

constexpr int total_cause_weight() {
  int w = 0;
  for (const auto& c : kCauses) w += c.weight;
  return w;
}

// Closure kinds

enum Kind : int {
  performed,
  terminated_current,
  terminated,
  withdrawn,
  rejected,
  transferred,
  kClosedKinds
};
inline constexpr std::array<std::string_view, kClosedKinds> kKindNames = {
    "performed", "terminated_current", "terminated", "withdrawn", "rejected", "transferred"};

// Relief script

enum class Panel { none, granted, denied };

struct ReliefScript {
  int cause;
  Kind closure;
  int64_t claim_yuan, recovered_yuan, prior_compensation_yuan, medical_yuan;
  int household_size;
  int64_t income_yuan;
  bool dibao;
  std::string_view flag;
  Panel panel;
  int64_t grant_yuan;
};

// The court's 2024 relief: 5 applicants, ¥305,000 (the court's 2024 work report). Each grant is ≤
// 36 × ¥7,000 and ≤ claim − recovered − prior_compensation; then the cases the rules exclude.
inline constexpr std::array<ReliefScript, 15> kReliefScript = {{
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 236400, 12000, 30000, 42000, 4,
     1200, true, "", Panel::granted, 80000},
    {cause_index("提供劳务者受害责任纠纷"), terminated, 168000, 0, 0, 26500, 4, 900, false, "",
     Panel::granted, 65000},
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 132500, 5000, 0, 18000, 3, 800,
     true, "", Panel::granted, 60000},
    {cause_index("劳务合同纠纷"), terminated_current, 58600, 3000, 0, 0, 3, 1500, false, "",
     Panel::granted, 50000},
    {cause_index("赡养费纠纷"), terminated_current, 72000, 0, 0, 9800, 1, 400, true, "",
     Panel::granted, 50000},
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 98000, 0, 0, 12000, 3, 1000, true,
     "major_fault", Panel::denied, 0},
    {cause_index("劳务合同纠纷"), terminated_current, 36500, 0, 0, 0, 4, 1300, false,
     "refused_cooperation", Panel::denied, 0},
    {cause_index("生命权、身体权、健康权纠纷"), terminated, 86000, 2000, 0, 15000, 2, 900, true,
     "false_statement", Panel::denied, 0},
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 124000, 0, 0, 8000, 3, 1100, false,
     "waived_claim", Panel::denied, 0},
    {cause_index("抚养费纠纷"), terminated_current, 54000, 0, 0, 0, 2, 1200, true,
     "hardship_unrelated", Panel::denied, 0},
    {cause_index("劳务合同纠纷"), terminated_current, 42800, 0, 20000, 0, 3, 1400, false,
     "aided_elsewhere", Panel::denied, 0},
    {cause_index("机动车交通事故责任纠纷"), performed, 64000, 64000, 0, 0, 3, 1600, false, "",
     Panel::denied, 0},
    {cause_index("提供劳务者受害责任纠纷"), terminated_current, 145000, 0, 0, 6000, 3, 18000, false,
     "", Panel::denied, 0},
    {cause_index("劳务合同纠纷"), terminated_current, 46200, 0, 0, 0, 2, 1000, true, "",
     Panel::none, 0},
    {cause_index("抚养费纠纷"), terminated, 61000, 0, 0, 0, 2, 700, true, "", Panel::none, 0},
}};
static_assert(kReliefScript[0].cause >= 0 && kReliefScript[7].cause >= 0);

}  // namespace zhixing::inline demo
