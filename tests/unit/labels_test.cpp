#include "core/labels.h"

#include <gtest/gtest.h>

#include <string>

#include "documents/kinds/document_kind.h"
#include "reports/annual_figures.h"

namespace zhixing {
namespace {

TEST(Labels, NamesEveryDocumentKindInFull) {
  EXPECT_EQ(document_kind_label("notice"), "执行通知书");
  EXPECT_EQ(document_kind_label("property-report-order"), "报告财产令");
  EXPECT_EQ(document_kind_label("ruling-freeze"), "执行裁定书（冻结、划拨存款）");
  EXPECT_EQ(document_kind_label("ruling-seal"), "执行裁定书（查封、扣押）");
  EXPECT_EQ(document_kind_label("assist-notice"), "协助执行通知书");
  EXPECT_EQ(document_kind_label("ruling-zhongben"), "执行裁定书（终结本次执行程序）");
  EXPECT_EQ(document_kind_label("consumption-ban"), "限制消费令");
  EXPECT_EQ(document_kind_label("settlement"), "执行和解协议");
  EXPECT_EQ(document_kind_label("relief-decision"), "国家司法救助决定书");
  EXPECT_EQ(document_kind_label("relief-voucher"), "司法救助金发放凭证");
}

TEST(Labels, TitlesEveryRulingAsTheRulingItIs) {
  EXPECT_EQ(document_title("ruling-freeze"), "执行裁定书");
  EXPECT_EQ(document_title("ruling-seal"), "执行裁定书");
  EXPECT_EQ(document_title("ruling-zhongben"), "执行裁定书");
}

TEST(Labels, TitlesEveryOtherKindByItsFullName) {
  for (documents::DocumentKind kind : documents::all_kinds()) {
    const std::string_view name = documents::kind_name(kind);
    if (name.starts_with("ruling-")) continue;
    EXPECT_EQ(document_title(name), document_kind_label(name)) << name;
  }
}

TEST(Labels, LeavesNoDocumentKindUnnamed) {
  for (documents::DocumentKind kind : documents::all_kinds()) {
    const std::string_view name = documents::kind_name(kind);
    EXPECT_NE(document_kind_label(name), name) << name;
    EXPECT_NE(document_title(name), name) << name;
  }
}

TEST(Labels, NamesMeasuresAsTheCaseRecordDoes) {
  EXPECT_EQ(measure_label("notice"), "执行通知");
  EXPECT_EQ(measure_label("property_report_order"), "报告财产令");
  EXPECT_EQ(measure_label("inquiry"), "查询");
  EXPECT_EQ(measure_label("freeze"), "冻结");
  EXPECT_EQ(measure_label("deduct"), "划拨/扣划");
  EXPECT_EQ(measure_label("seal"), "查封");
  EXPECT_EQ(measure_label("seize"), "扣押");
  EXPECT_EQ(measure_label("auction"), "拍卖");
  EXPECT_EQ(measure_label("consumption_ban"), "限制消费");
  EXPECT_EQ(measure_label("dishonest_list"), "纳入失信名单");
  EXPECT_EQ(measure_label("fine"), "罚款");
  EXPECT_EQ(measure_label("detention"), "拘留");
  EXPECT_EQ(measure_label("summons"), "拘传");
}

TEST(Labels, ReportsNameTheInquiryAndTheDeductionPlainly) {
  EXPECT_EQ(measure_report_label("inquiry"), "财产查询");
  EXPECT_EQ(measure_report_label("deduct"), "扣划");
}

TEST(Labels, ReportsNameEveryOtherMeasureAsTheCaseRecordDoes) {
  for (std::string_view kind :
       {"notice", "property_report_order", "freeze", "seal", "seize", "auction", "consumption_ban",
        "dishonest_list", "fine", "detention", "summons"})
    EXPECT_EQ(measure_report_label(kind), measure_label(kind)) << kind;
}

TEST(Labels, NamesEveryMeasureTheAnnualReportCounts) {
  for (std::string_view kind : reports::kCountedMeasures)
    EXPECT_NE(measure_report_label(kind), kind) << kind;
}

TEST(Labels, NamesPartyRoles) {
  EXPECT_EQ(party_role_label("applicant"), "申请执行人");
  EXPECT_EQ(party_role_label("respondent"), "被执行人");
  EXPECT_EQ(party_role_label("guarantor"), "担保人");
  EXPECT_EQ(party_role_label("third_party"), "案外人");
}

TEST(Labels, NamesCaseStatuses) {
  EXPECT_EQ(case_status_label("open"), "执行中");
  EXPECT_EQ(case_status_label("suspended"), "中止");
  EXPECT_EQ(case_status_label("closed"), "已结案");
}

TEST(Labels, NamesEveryClosure) {
  EXPECT_EQ(closure_label("performed"), "执行完毕");
  EXPECT_EQ(closure_label("terminated_current"), "终结本次执行程序");
  EXPECT_EQ(closure_label("terminated"), "终结执行");
  EXPECT_EQ(closure_label("withdrawn"), "撤回/销案");
  EXPECT_EQ(closure_label("rejected"), "驳回/不予执行");
  EXPECT_EQ(closure_label("transferred"), "移送/指定执行");
  for (std::string_view kind : reports::kClosureKinds) EXPECT_NE(closure_label(kind), kind) << kind;
}

TEST(Labels, NamesEveryCategoryOfTheCaseRecord) {
  EXPECT_EQ(category_label("migrant_wages"), "农民工工资");
  EXPECT_EQ(category_label("elderly_support"), "赡养费");
  EXPECT_EQ(category_label("child_support"), "抚养费");
  EXPECT_EQ(category_label("spousal_support"), "扶养费");
  EXPECT_EQ(category_label("traffic_accident"), "交通事故赔偿");
  EXPECT_EQ(category_label("personal_injury"), "人身损害赔偿");
  EXPECT_EQ(category_label("labor_remuneration"), "劳动报酬");
  EXPECT_EQ(category_label("financial_loan"), "金融借款");
  EXPECT_EQ(category_label("enterprise"), "涉企");
  EXPECT_EQ(category_label("lottery"), "lottery");
}

TEST(Labels, ListsTheCategoriesLivelihoodFirst) {
  const auto codes = category_codes();
  ASSERT_EQ(codes.size(), 9u);
  // The report's livelihood categories are the first seven, in the same order.
  for (std::size_t i = 0; i < reports::kLivelihoodCategories.size(); ++i)
    EXPECT_EQ(codes[i], reports::kLivelihoodCategories[i]) << i;
  EXPECT_EQ(codes[7], "financial_loan");
  EXPECT_EQ(codes[8], "enterprise");
  for (std::string_view code : codes) EXPECT_NE(category_label(code), code) << code;
}

TEST(Labels, ReturnsAnUnknownCodeAsItIs) {
  EXPECT_EQ(document_kind_label("ruling-auction"), "ruling-auction");
  EXPECT_EQ(document_title("ruling-auction"), "ruling-auction");
  EXPECT_EQ(measure_label("garnish"), "garnish");
  EXPECT_EQ(measure_report_label("garnish"), "garnish");
  EXPECT_EQ(party_role_label("witness"), "witness");
  EXPECT_EQ(case_status_label("archived"), "archived");
  EXPECT_EQ(closure_label("merged"), "merged");
  EXPECT_EQ(party_role_label(""), "");
}

TEST(Labels, MatchesCodesExactly) {
  // Codes are lower-case ASCII as stored; anything else is not a code.
  EXPECT_EQ(document_kind_label("Notice"), "Notice");
  EXPECT_EQ(measure_label("freeze "), "freeze ");
  EXPECT_EQ(party_role_label("third-party"), "third-party");
}

}  // namespace
}  // namespace zhixing
