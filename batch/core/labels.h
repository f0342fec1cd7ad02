// The Chinese names of the enforcement vocabulary: the codes a case record uses
// (docs/case-record.md) and the document kinds' CLI and database names, as the web console, the
// documents and the leadership reports print them. One table per vocabulary, so that a label is
// changed in one place. Pure: no I/O.
//
// A code without a label comes back as it is: the result may then view the argument, so it must
// not outlive it.
#pragma once

#include <span>
#include <string_view>

namespace zhixing::inline core {

// A document kind's full name, its title with the subject it rules on:
// "ruling-freeze" → 执行裁定书（冻结、划拨存款）, "notice" → 执行通知书.
std::string_view document_kind_label(std::string_view kind);

// The title a document of the kind carries (its PDF title): the full name without the subject,
// so the three rulings are all 执行裁定书; every other kind is titled by its full name.
std::string_view document_title(std::string_view kind);

// A measure (执行措施) as case-record.md names it: "inquiry" → 查询, "deduct" → 划拨/扣划.
std::string_view measure_label(std::string_view kind);

// A measure as the leadership reports print it: as measure_label, except that the reports name
// the inquiry 财产查询 and the deduction 扣划.
std::string_view measure_report_label(std::string_view kind);

// A party's role: "applicant" → 申请执行人, "respondent" → 被执行人, "guarantor" → 担保人,
// "third_party" → 案外人 (case-record.md).
std::string_view party_role_label(std::string_view role);

// A case's status: "open" → 执行中, "suspended" → 中止, "closed" → 已结案.
std::string_view case_status_label(std::string_view status);

// How a case was closed (closure.kind): "performed" → 执行完毕, "terminated_current" →
// 终结本次执行程序, ….
std::string_view closure_label(std::string_view kind);

// A case category (case-record.md `categories`): the livelihood (民生) tags first,
// "migrant_wages" → 农民工工资, "traffic_accident" → 交通事故赔偿, then "financial_loan" →
// 金融借款, "enterprise" → 涉企.
std::string_view category_label(std::string_view category);

// Every category code case-record.md defines, in its order (livelihood tags first).
std::span<const std::string_view> category_codes();

}  // namespace zhixing::inline core
