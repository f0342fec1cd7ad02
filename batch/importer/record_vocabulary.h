// The interchange format's (zhixing.case/1) bounds and closed vocabularies, as the record
// parser checks them.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace zhixing::inline importer {

inline constexpr std::string_view kSchema = "zhixing.case/1";
inline constexpr size_t kNameMax = 100;
inline constexpr size_t kIdMax = 64;
inline constexpr size_t kTextMax = 500;
// A case's receipts: far above any real case (an instalment a month for 80 years), low enough
// that one line cannot make the importer store an unbounded list.
inline constexpr size_t kReceiptsMax = 1000;
// Bounds on arrays (else bad_value): they also keep every money sum far inside int64.
inline constexpr size_t kPartiesMax = 100;
inline constexpr size_t kMeasuresMax = 1000;
inline constexpr size_t kInstallmentsMax = 120;

// GB 3304: the 56 official names of China's ethnic groups.
inline constexpr std::array<std::string_view, 56> kEthnicities = {
    "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
    "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
    "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
    "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
    "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
    "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
    "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族"};

using Values = std::span<const std::string_view>;
inline constexpr std::string_view kRoles[] = {"applicant", "respondent", "guarantor",
                                              "third_party"};
inline constexpr std::string_view kPartyKinds[] = {"person", "org"};
inline constexpr std::string_view kGenders[] = {"男", "女"};
inline constexpr std::string_view kStatuses[] = {"open", "suspended", "closed"};
inline constexpr std::string_view kClosureKinds[] = {
    "performed", "terminated_current", "terminated", "withdrawn", "rejected", "transferred"};
inline constexpr std::string_view kCategories[] = {
    "migrant_wages",      "elderly_support",  "child_support",
    "spousal_support",    "traffic_accident", "personal_injury",
    "labor_remuneration", "financial_loan",   "enterprise"};
inline constexpr std::string_view kEnforcerTitles[] = {"执行员", "审判员"};
inline constexpr std::string_view kLegalRepKinds[] = {"法定代表人", "主要负责人"};
inline constexpr std::string_view kAgentKinds[] = {"lawyer", "relative", "other"};
inline constexpr std::string_view kMeasureKinds[] = {
    "notice",  "property_report_order", "inquiry",        "freeze", "deduct",    "seal",   "seize",
    "auction", "consumption_ban",       "dishonest_list", "fine",   "detention", "summons"};
inline constexpr std::string_view kInquiryResults[] = {"found", "none"};
inline constexpr std::string_view kReceiptSources[] = {"deduct", "payment", "auction", "other"};
inline constexpr std::string_view kGrounds[] = {"support", "tort_injury", "crime_victim",
                                                "retaliation", "other"};
inline constexpr std::string_view kBasisItems[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
// Items 一 to 四 of 第三条: the criminal-victim cases.
inline constexpr std::string_view kCrimeVictimItems[] = {"一", "二", "三", "四"};
inline constexpr std::string_view kReliefFlags[] = {"major_fault",        "refused_cooperation",
                                                    "false_statement",    "waived_claim",
                                                    "hardship_unrelated", "aided_elsewhere"};

inline bool one_of(std::string_view s, Values values) {
  for (auto v : values)
    if (v == s) return true;
  return false;
}

// 法发〔2016〕16号 第三条: the item a ground cites; crime_victim may cite 一 to 四.
inline std::string_view basis_item_for(std::string_view ground) {
  if (ground == "support") return "六";
  if (ground == "tort_injury") return "七";
  if (ground == "retaliation") return "五";
  if (ground == "other") return "八";
  return {};
}

}  // namespace zhixing::inline importer
