#include "documents/kinds/kind_context.h"

#include <charconv>

#include "core/chinese_date.h"
#include "core/labels.h"
#include "core/money_in_words.h"
#include "core/recovered_as_of.h"
#include "documents/kinds/ruling_numbers.h"

namespace zhixing::inline documents {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

struct ParsedPeriod {
  int count = 0;
  char unit = 0;  // y, m, d
};

std::optional<ParsedPeriod> parse_period(const std::optional<std::string>& period) {
  if (!period || period->size() < 2) return std::nullopt;
  const char unit = period->back();
  if (unit != 'y' && unit != 'm' && unit != 'd') return std::nullopt;
  int n = 0;
  const char* first = period->data();
  const char* last = first + period->size() - 1;
  const auto [end, ec] = std::from_chars(first, last, n);
  if (ec != std::errc{} || end != last || n < 1 || n > 1000) return std::nullopt;
  return ParsedPeriod{n, unit};
}

// "该公司总经理": 该公司 for companies, 该单位 for other organisations.
std::string rep_of(const Party& party) {
  return party.name.ends_with("公司") ? "该公司" : "该单位";
}

}  // namespace

std::string arabic_date(Date date) {
  return std::to_string(date.year()) + "年" + std::to_string(date.month()) + "月" +
         std::to_string(date.day()) + "日";
}

std::string period_text(const std::optional<std::string>& period, std::string_view fallback) {
  const auto p = parse_period(period);
  if (!p) return std::string(fallback);
  switch (p->unit) {
    case 'y':
      return chinese_numeral(p->count) + "年";
    case 'm':
      return chinese_numeral(p->count) + "个月";
    default:
      return chinese_numeral(p->count) + "日";
  }
}

std::optional<Date> period_end(Date from, const std::optional<std::string>& period) {
  const auto p = parse_period(period);
  if (!p) return std::nullopt;
  switch (p->unit) {
    case 'y':
      return from.plus_months(12 * p->count).plus_days(-1);
    case 'm':
      return from.plus_months(p->count).plus_days(-1);
    default:
      return from.plus_days(p->count - 1);
  }
}

std::vector<std::string> party_paragraphs(const Party& party, std::string_view label,
                                          const PartyStyle& style) {
  std::vector<std::string> out;
  const std::string prefix = label.empty() ? "" : std::string(label) + "：";
  std::string p = prefix + party.name;
  if (party.is_person()) {
    p += "，" + party.gender;
    if (party.birth_date) p += "，" + arabic_date(*party.birth_date) + "出生";
    if (!party.ethnicity.empty()) p += "，" + party.ethnicity;
    if (party.occupation && !party.occupation->empty()) p += "，" + *party.occupation;
    p += "，住" + party.address;
    if (style.id_number && !party.id_number.empty()) p += "，公民身份号码" + party.id_number;
  } else {
    p += "，住所地" + party.address;
    if (style.id_number && !party.uscc.empty()) p += "，统一社会信用代码" + party.uscc;
  }
  if (style.phone && party.phone && !party.phone->empty()) p += "，联系电话" + *party.phone;
  p += "。";
  out.push_back(std::move(p));
  if (!party.is_person() && party.legal_rep) {
    const auto& rep = *party.legal_rep;
    out.push_back((rep.kind.empty() ? std::string("法定代表人") : rep.kind) + "：" + rep.name +
                  "，" + rep_of(party) + rep.title + "。");
  }
  for (const auto& agent : party.agents) {
    std::string a = "委托诉讼代理人：" + agent.name;
    if (agent.kind == "lawyer" && agent.firm) {
      a += "，" + *agent.firm + "律师";
    } else if (agent.kind == "relative") {
      a += "，系" + std::string(label.empty() ? "" : label) + party.name + "的近亲属";
    }
    if (style.agent_authority && agent.special_authority) a += "，代理权限为特别授权";
    a += "。";
    out.push_back(std::move(a));
  }
  return out;
}

ContextValue party_context(const Party& party, std::string_view label, const PartyStyle& style) {
  ContextValue v;
  v.set("name", party.name);
  v.set("address", party.address);
  v.set("you", party.is_person() ? "" : "单位");
  v.set_flag("org", !party.is_person());
  v.set("paragraphs", ContextValue::text_list(party_paragraphs(party, label, style)));
  return v;
}

const Party& party_or_fail(const CaseRecord& record, std::string_view id, std::string_view what) {
  if (const Party* p = record.party(id)) return *p;
  throw DocumentError(DocumentErrorCode::render_failed,
                      record.case_number.text() + ": " + std::string(what) + " refers to party \"" +
                          std::string(id) + "\", which the case does not have");
}

const Measure& event_measure(const RenderInput& input) {
  const auto& measures = input.case_record.measures;
  if (!input.event.measure_index || *input.event.measure_index >= measures.size())
    throw DocumentError(DocumentErrorCode::render_failed,
                        input.case_record.case_number.text() + ": the " +
                            std::string(kind_name(input.event.kind)) +
                            " event names no measure of the case");
  return measures[*input.event.measure_index];
}

std::optional<std::string> ruling_number(const RenderInput& input) {
  const CaseRecord& c = input.case_record;
  const auto key = ruling_of(input.event, c);
  if (!key) return std::nullopt;
  if (!input.rulings) {
    for (const auto& [k, ordinal] : assign_ruling_numbers(c, {}, ruling_events(c)))
      if (k == *key) return ruling_number_text(c.case_number, ordinal);
  } else if (const auto it = input.rulings->find(*key); it != input.rulings->end()) {
    return ruling_number_text(c.case_number, it->second);
  }
  throw DocumentError(DocumentErrorCode::render_failed,
                      c.case_number.text() + "：" + std::string(kind_name(key->kind)) + " " +
                          key->date.iso() + " 第" + std::to_string(key->position) +
                          " 项裁定尚未编号（裁定书在计划时编号）");
}

ContextValue common_context(const RenderInput& input, const LawArticles& law,
                            const PartyStyle& style) {
  const CaseRecord& c = input.case_record;
  ContextValue ctx;
  ctx.set("court", ContextValue()
                       .set("name", input.court.name)
                       .set("code", input.court.code)
                       .set("president", input.court.president));
  const auto ruling = ruling_number(input);
  ctx.set("case_number", is_ruling(input.event.kind) ? *ruling : c.case_number.text());
  if (ruling) ctx.set("ruling_number", *ruling);
  ctx.set("date", chinese_date(input.event.date));
  ctx.set("date_arabic", arabic_date(input.event.date));
  ctx.set("cause", c.cause);
  ctx.set("filed_on", arabic_date(c.filed_on));
  if (c.title_document) {
    ctx.set("title_document",
            ContextValue()
                .set("court", c.title_document->court)
                .set("number", c.title_document->number)
                .set("kind", c.title_document->kind)
                .set("effective_on", arabic_date(c.title_document->effective_on)));
  }
  ctx.set("claim", c.claim.plain());
  ctx.set("claim_words", money_in_words(c.claim));
  // Recovered and unpaid as of the document's own date: never today's total, and
  // absent (recovered_known false) when the record cannot tell; the template then leaves the
  // sentence out.
  if (const std::optional<Money> recovered = recovered_as_of(c, input.event.date)) {
    ctx.set_flag("recovered_known", true);
    ctx.set_flag("recovered_any", recovered->fen() > 0);
    ctx.set("recovered_as_of", recovered->plain());
    ctx.set("unpaid_as_of", (c.claim > *recovered ? c.claim - *recovered : Money{}).plain());
  } else {
    ctx.set_flag("recovered_known", false);
    ctx.set_flag("recovered_any", false);
  }
  if (c.filing_fee && c.filing_fee->fen() > 0) ctx.set("filing_fee", c.filing_fee->plain());

  ContextValue applicants = ContextValue::list();
  ContextValue respondents = ContextValue::list();
  std::vector<std::string> applicant_names, respondent_names;
  for (const auto& p : c.parties) {
    if (p.role == "applicant") {
      applicants.push(party_context(p, party_role_label(p.role), style));
      applicant_names.push_back(p.name);
    } else if (p.role == "respondent") {
      respondents.push(party_context(p, party_role_label(p.role), style));
      respondent_names.push_back(p.name);
    }
  }
  // The parties before the joined names, so that a glyph problem is reported on the party.
  ctx.set("applicants", std::move(applicants));
  ctx.set("respondents", std::move(respondents));
  ctx.set("applicant_names", join(applicant_names, "、"));
  ctx.set("respondent_names", join(respondent_names, "、"));

  ContextValue officers;
  officers.set("enforcer_title", c.officers.enforcer_title.empty() ? std::string("执行员")
                                                                   : c.officers.enforcer_title);
  if (!c.officers.enforcers.empty()) officers.set("enforcer", c.officers.enforcers.front());
  if (c.officers.presiding) officers.set("presiding", *c.officers.presiding);
  officers.set("judges", ContextValue::text_list(c.officers.judges));
  if (!c.officers.clerk.empty()) officers.set("clerk", c.officers.clerk);
  ctx.set("officers", std::move(officers));

  ContextValue citations;
  for (const auto& [key, text] : law.citations_on(input.event.date)) citations.set(key, text);
  ctx.set("law", std::move(citations));
  return ctx;
}

std::vector<std::string> common_schema(const LawArticles& law) {
  std::vector<std::string> paths = {
      "court.name",
      "court.code",
      "court.president",
      "case_number",
      "ruling_number",
      "date",
      "date_arabic",
      "cause",
      "filed_on",
      "title_document.court",
      "title_document.number",
      "title_document.kind",
      "title_document.effective_on",
      "claim",
      "claim_words",
      "recovered_known",
      "recovered_any",
      "recovered_as_of",
      "unpaid_as_of",
      "filing_fee",
      "applicant_names",
      "respondent_names",
      "applicants[].name",
      "applicants[].address",
      "applicants[].you",
      "applicants[].org",
      "applicants[].paragraphs[]",
      "respondents[].name",
      "respondents[].address",
      "respondents[].you",
      "respondents[].org",
      "respondents[].paragraphs[]",
      "officers.enforcer_title",
      "officers.enforcer",
      "officers.presiding",
      "officers.judges[]",
      "officers.clerk",
  };
  for (const auto& key : law.keys()) paths.push_back("law." + key);
  return paths;
}

}  // namespace zhixing::inline documents

namespace zhixing::inline documents {

ContextValue measure_context(const RenderInput& input, const Measure& m) {
  const CaseRecord& c = input.case_record;
  const Party& against = party_or_fail(c, m.against, "the " + m.kind + " measure");
  ContextValue v;
  v.set_flag("freeze", m.kind == "freeze");
  v.set_flag("deduct", m.kind == "deduct");
  v.set_flag("seal", m.kind == "seal");
  v.set_flag("seize", m.kind == "seize");
  const std::string action = m.kind == "freeze"   ? "冻结"
                             : m.kind == "deduct" ? "划拨"
                             : m.kind == "seal"   ? "查封"
                                                  : "扣押";
  v.set("action", action);
  const std::string target = m.target.value_or("");
  v.set("target", target);
  if (m.amount) {
    v.set("amount", m.amount->plain());
    v.set("amount_words", money_in_words(*m.amount));
  }
  if (m.kind != "deduct") {
    const std::string fallback_code = m.kind == "freeze" ? "1y" : m.kind == "seize" ? "2y" : "3y";
    const std::optional<std::string> period = m.period ? m.period : std::optional(fallback_code);
    v.set("period", period_text(period, ""));
    if (const auto end = period_end(m.on, period)) {
      v.set("period_from", arabic_date(m.on));
      v.set("period_to", arabic_date(*end));
    }
  }
  ContextValue who;
  who.set("name", against.name);
  who.set("you", against.is_person() ? "" : "单位");
  who.set_flag("org", !against.is_person());
  who.set("identity", against.is_person() ? "公民身份号码" + against.id_number
                                          : "统一社会信用代码" + against.uscc);
  v.set("against", std::move(who));

  std::optional<Date> notice;
  for (const auto& other : c.measures)
    if (other.kind == "notice" && other.on <= m.on && (!notice || *notice < other.on))
      notice = other.on;
  if (notice) v.set("notice_date", arabic_date(*notice));

  // The assisting unit (协助执行人): the bank holding the account; for property, the registry
  // of the county (real estate) or the vehicle administration. Names derived here are a
  // default the template wording can override.
  std::string bank = target;
  for (std::string_view stop : {"账户", "（", "("}) {
    const std::size_t at = bank.find(stop);
    if (at != std::string::npos && at > 0) bank = bank.substr(0, at);
  }
  v.set("bank", bank);
  std::string county = input.court.name;
  if (county.ends_with("人民法院")) county.resize(county.size() - std::string("人民法院").size());
  if (const std::size_t province = county.find("省"); province != std::string::npos)
    county = county.substr(province + std::string("省").size());
  v.set("county", county);
  v.set_flag("real_estate",
             target.find("不动产") != std::string::npos || target.find("房") != std::string::npos);
  v.set_flag("vehicle", target.find("车") != std::string::npos);
  return v;
}

std::vector<std::string> measure_schema() {
  return {"measure.freeze",      "measure.deduct",       "measure.seal",
          "measure.seize",       "measure.action",       "measure.target",
          "measure.amount",      "measure.amount_words", "measure.period",
          "measure.period_from", "measure.period_to",    "measure.against.name",
          "measure.against.you", "measure.against.org",  "measure.against.identity",
          "measure.notice_date", "measure.bank",         "measure.county",
          "measure.real_estate", "measure.vehicle"};
}

}  // namespace zhixing::inline documents
