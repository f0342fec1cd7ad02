#include "core/labels.h"

#include <array>
#include <cstddef>

namespace zhixing::inline core {

namespace {

struct Names {
  std::string_view code;
  std::string_view label;
};

struct KindNames {
  std::string_view code;
  std::string_view label;
  std::string_view title;
};

// documents/kinds/document_kind.h lists the kinds; a ruling's title is 执行裁定书 whatever it
// rules on.
constexpr std::array<KindNames, 10> kKinds = {{
    {"notice", "执行通知书", "执行通知书"},
    {"property-report-order", "报告财产令", "报告财产令"},
    {"ruling-freeze", "执行裁定书（冻结、划拨存款）", "执行裁定书"},
    {"ruling-seal", "执行裁定书（查封、扣押）", "执行裁定书"},
    {"assist-notice", "协助执行通知书", "协助执行通知书"},
    {"ruling-zhongben", "执行裁定书（终结本次执行程序）", "执行裁定书"},
    {"consumption-ban", "限制消费令", "限制消费令"},
    {"settlement", "执行和解协议", "执行和解协议"},
    {"relief-decision", "国家司法救助决定书", "国家司法救助决定书"},
    {"relief-voucher", "司法救助金发放凭证", "司法救助金发放凭证"},
}};

struct MeasureNames {
  std::string_view code;
  std::string_view label;
  std::string_view report_label;
};

// case-record.md's name, and the name the leadership reports print.
constexpr std::array<MeasureNames, 13> kMeasures = {{
    {"notice", "执行通知", "执行通知"},
    {"property_report_order", "报告财产令", "报告财产令"},
    {"inquiry", "查询", "财产查询"},
    {"freeze", "冻结", "冻结"},
    {"deduct", "划拨/扣划", "扣划"},
    {"seal", "查封", "查封"},
    {"seize", "扣押", "扣押"},
    {"auction", "拍卖", "拍卖"},
    {"consumption_ban", "限制消费", "限制消费"},
    {"dishonest_list", "纳入失信名单", "纳入失信名单"},
    {"fine", "罚款", "罚款"},
    {"detention", "拘留", "拘留"},
    {"summons", "拘传", "拘传"},
}};

constexpr std::array<Names, 4> kRoles = {{
    {"applicant", "申请执行人"},
    {"respondent", "被执行人"},
    {"guarantor", "担保人"},
    {"third_party", "案外人"},
}};

constexpr std::array<Names, 3> kCaseStatuses = {{
    {"open", "执行中"},
    {"suspended", "中止"},
    {"closed", "已结案"},
}};

constexpr std::array<Names, 6> kClosures = {{
    {"performed", "执行完毕"},
    {"terminated_current", "终结本次执行程序"},
    {"terminated", "终结执行"},
    {"withdrawn", "撤回/销案"},
    {"rejected", "驳回/不予执行"},
    {"transferred", "移送/指定执行"},
}};

// case-record.md `categories`: the seven livelihood (民生) tags, then the others.
constexpr std::array<Names, 9> kCategories = {{
    {"migrant_wages", "农民工工资"},
    {"elderly_support", "赡养费"},
    {"child_support", "抚养费"},
    {"spousal_support", "扶养费"},
    {"traffic_accident", "交通事故赔偿"},
    {"personal_injury", "人身损害赔偿"},
    {"labor_remuneration", "劳动报酬"},
    {"financial_loan", "金融借款"},
    {"enterprise", "涉企"},
}};

constexpr std::array<std::string_view, kCategories.size()> kCategoryCodes = [] {
  std::array<std::string_view, kCategories.size()> codes{};
  for (std::size_t i = 0; i < kCategories.size(); ++i) codes[i] = kCategories[i].code;
  return codes;
}();

// The `column` of the row whose code is `code`; an unknown code as it is.
template <class Row, std::size_t N>
std::string_view lookup(const std::array<Row, N>& table, std::string_view code,
                        std::string_view Row::*column) {
  for (const Row& row : table)
    if (row.code == code) return row.*column;
  return code;
}

}  // namespace

std::string_view category_label(std::string_view category) {
  return lookup(kCategories, category, &Names::label);
}

std::span<const std::string_view> category_codes() { return kCategoryCodes; }

std::string_view document_kind_label(std::string_view kind) {
  return lookup(kKinds, kind, &KindNames::label);
}

std::string_view document_title(std::string_view kind) {
  return lookup(kKinds, kind, &KindNames::title);
}

std::string_view measure_label(std::string_view kind) {
  return lookup(kMeasures, kind, &MeasureNames::label);
}

std::string_view measure_report_label(std::string_view kind) {
  return lookup(kMeasures, kind, &MeasureNames::report_label);
}

std::string_view party_role_label(std::string_view role) {
  return lookup(kRoles, role, &Names::label);
}

std::string_view case_status_label(std::string_view status) {
  return lookup(kCaseStatuses, status, &Names::label);
}

std::string_view closure_label(std::string_view kind) {
  return lookup(kClosures, kind, &Names::label);
}

}  // namespace zhixing::inline core
