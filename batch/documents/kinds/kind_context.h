// What every kind's context shares: the court, the case, the parties as paragraphs (identity fields
// in the order court documents use), the officers, the law citations in force on the document's
// date, and the wording helpers (dates, periods, money).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/case_record.h"
#include "documents/kinds/document_kind.h"
#include "documents/templates/context.h"
#include "documents/templates/law_articles.h"

namespace zhixing::inline documents {

// "2024年3月5日": dates inside the body text (the document date itself is chinese_date()).
std::string arabic_date(Date date);

// "1y" → "一年", "2y" → "二年", "6m" → "六个月", "15d" → "十五日"; `fallback` when absent or
// unreadable.
std::string period_text(const std::optional<std::string>& period, std::string_view fallback);
// The last day of a period that starts on `from` ("1y" from 2024-03-20 → 2025-03-19).
std::optional<Date> period_end(Date from, const std::optional<std::string>& period);

// How much of a party's identity a kind prints. The full ID number only where the document must
// identify the person beyond doubt (enforcement documents, the settlement, the voucher).
struct PartyStyle {
  bool id_number = true;         // 公民身份号码 / 统一社会信用代码
  bool phone = false;            // 联系电话 (settlement)
  bool agent_authority = false;  // 代理权限为特别授权 (settlement)
};

// The party's paragraphs: the party itself, then 法定代表人 for an organisation, then agents:
//   张某，男，1980年1月1日出生，汉族，农民，住河北省易县……，公民身份号码130633…。
//   ××有限公司，住所地……，统一社会信用代码…。 / 法定代表人：王某，该公司总经理。
// Each is prefixed with `label` + "：" when the label is not empty.
std::vector<std::string> party_paragraphs(const Party& party, std::string_view label,
                                          const PartyStyle& style);

// {name, address, you ("" or "单位": 你/你单位), org (flag), paragraphs[]}.
ContextValue party_context(const Party& party, std::string_view label, const PartyStyle& style);

// The party with this id; DocumentError(render_failed) naming the case when it is missing.
const Party& party_or_fail(const CaseRecord& record, std::string_view id, std::string_view what);
// The measure the event is due from; DocumentError(render_failed) when the event has none.
const Measure& event_measure(const RenderInput& input);

// The full number of the ruling the document is (a ruling) or serves (an assistance notice):
// "（2024）冀0633执1234号之一"; nullopt for the other kinds. DocumentError(render_failed) when
// the store's numbers (input.rulings) lack the ruling: numbers are assigned when planned.
std::optional<std::string> ruling_number(const RenderInput& input);

// The shared part of every context. Paths (ContextSchema syntax) are common_schema(). For a
// ruling, case_number is its full number (with 之N); ruling_number is set for rulings and
// assistance notices. Amounts recovered are as of the document's date (core/recovered_as_of.h):
// the flag recovered_known, then recovered_as_of and unpaid_as_of (claim less recovered, yuan as
// "1200.5"), and the flag recovered_any (known and above zero). There is deliberately no "recovered
// today" value.
ContextValue common_context(const RenderInput& input, const LawArticles& law,
                            const PartyStyle& style);
std::vector<std::string> common_schema(const LawArticles& law);

}  // namespace zhixing::inline documents

namespace zhixing::inline documents {

// The attachment measure a ruling or assistance notice is about (freeze, deduct, seal, seize):
// flags freeze/deduct/seal/seize, action (冻结 …), target, amount and amount_words (when the
// measure has an amount), period/period_from/period_to (not for deduct; default terms per
// 民诉法解释 第四百八十五条: deposits one year, movables two, real estate three), against
// {name, you, org, identity ("公民身份号码…" or "统一社会信用代码…")}, notice_date (the last
// notice measure on or before this one, if any), and for the assistance notice: bank (the target
// up to "账户" or "（"), county (from the court name), real_estate and vehicle flags.
ContextValue measure_context(const RenderInput& input, const Measure& measure);
std::vector<std::string> measure_schema();

}  // namespace zhixing::inline documents
