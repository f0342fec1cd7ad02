// Cases: the list by number, and one case with its parties (personal numbers masked), measures,
// documents and relief assessment.
#include "app/web/console.h"
#include "app/web/pages.h"
#include "app/web/request_args.h"
#include "app/web/views.h"
#include "core/labels.h"
#include "core/masking.h"
#include "store/database.h"
#include "store/relief_store.h"
#include "store/web_store.h"

namespace zhixing::app::web {

namespace {

std::string outcome_label(const std::string& outcome) {
  if (outcome == "eligible") return "符合救助条件";
  if (outcome == "ineligible") return "不予救助";
  if (outcome == "needs_review") return "需人工审查";
  return outcome;
}

// Everything the case page shows.
struct CaseView {
  CaseListRow c;
  std::vector<PartyRow> parties;
  std::vector<MeasureRow> measures;
  std::vector<IssuedDocument> docs;
  std::optional<StoredAssessment> assessment;
};

std::string relief_json(const StoredAssessment& a) {
  std::vector<std::string> rules;
  for (const auto& rule : a.rules)
    rules.push_back(JsonObject()
                        .add("id", jstr(rule.id))
                        .add("passed", jbool(rule.passed))
                        .add("effect", jstr(rule.effect))
                        .add("reason", jstr(rule.reason))
                        .str());
  return JsonObject()
      .add("outcome", jstr(a.outcome))
      .add("proposed_fen", a.proposed_fen ? jnum(*a.proposed_fen) : "null")
      .add("cap_fen", jnum(a.cap_fen))
      .add("ruleset", jstr(a.ruleset))
      .add("assessed_at", jstr(a.assessed_at))
      .add("rules", jarray(rules))
      .str();
}

std::string case_json(const CaseView& v) {
  const auto& [c, parties, measures, docs, assessment] = v;
  std::vector<std::string> ps, ms, ds;
  for (const auto& p : parties)
    ps.push_back(JsonObject()
                     .add("role", jstr(p.role))
                     .add("kind", jstr(p.kind))
                     .add("name", jstr(p.name))
                     .add("id_number", jstr(mask_id_number(p.id_number)))
                     .add("uscc", jstr(p.uscc))
                     .add("bank_name", jstr(p.bank_name))
                     .add("bank_account", jstr(mask_account_or_phone(p.bank_account)))
                     .add("phone", jstr(mask_account_or_phone(p.phone)))
                     .str());
  for (const auto& m : measures)
    ms.push_back(JsonObject()
                     .add("position", jnum(m.position))
                     .add("kind", jstr(m.kind))
                     .add("taken_on", jstr(m.taken_on))
                     .add("against", jstr(m.against))
                     .add("amount_fen", m.amount_fen ? jnum(*m.amount_fen) : "null")
                     .add("target", jstr(mask_personal_numbers(m.target)))
                     .add("result", jstr(m.result))
                     .str());
  for (const auto& d : docs) ds.push_back(document_json(d));
  const std::string relief = assessment ? relief_json(*assessment) : "null";
  return JsonObject()
      .add("id", jnum(c.id))
      .add("case_number", jstr(c.case_number))
      .add("court_code", jstr(c.court_code))
      .add("cause", jstr(c.cause))
      .add("status", jstr(c.status))
      .add("filed_on", jstr(c.filed_on))
      .add("claim_fen", jnum(c.claim_fen))
      .add("recovered_fen", jnum(c.recovered_fen))
      .add("parties", jarray(ps))
      .add("measures", jarray(ms))
      .add("documents", jarray(ds))
      .add("relief", relief)
      .str();
}

std::string relief_html(const std::optional<StoredAssessment>& assessment) {
  std::string content;
  if (!assessment) {
    content += "<p class=\"empty\">没有救助评估</p>";
  } else {
    content += "<p>结论：<b>" + h(outcome_label(assessment->outcome)) + "</b>" +
               (assessment->proposed_fen
                    ? "，建议救助金额 <b>" + h(yuan(*assessment->proposed_fen)) + "</b>"
                    : "") +
               "（上限 " + h(yuan(assessment->cap_fen)) + "；规则集 " + h(assessment->ruleset) +
               "；评估于 " + h(assessment->assessed_at) + "）</p>";
    std::vector<std::vector<std::string>> rrow;
    for (const auto& rule : assessment->rules)
      rrow.push_back(
          {"<code>" + h(rule.id) + "</code>",
           rule.passed ? "<span class=\"ok\">通过</span>" : "<span class=\"bad\">未通过</span>",
           h(rule.reason)});
    content += table({"规则", "结果", "理由"}, rrow, "没有规则");
  }
  return content;
}

std::string case_html(const CaseView& v) {
  const auto& [c, parties, measures, docs, assessment] = v;
  std::string content =
      "<h1>" + h(c.case_number) + "</h1><dl class=\"facts\"><dt>案由</dt><dd>" + h(c.cause) +
      "</dd><dt>状态</dt><dd>" + h(case_status_label(c.status)) +
      (c.closure_kind.empty() ? "" : "（" + h(closure_label(c.closure_kind)) + "）") +
      "</dd><dt>立案日期</dt><dd>" + h(c.filed_on) + "</dd><dt>申请执行标的</dt><dd>" +
      h(yuan(c.claim_fen)) + "</dd><dt>已执行到位</dt><dd>" + h(yuan(c.recovered_fen)) +
      "</dd></dl>";
  std::vector<std::vector<std::string>> prow;
  for (const auto& p : parties)
    prow.push_back(
        {h(party_role_label(p.role)), h(p.name),
         "<code>" + h(p.kind == "person" ? mask_id_number(p.id_number) : p.uscc) + "</code>",
         h(p.bank_name.empty() ? "—" : p.bank_name + " " + mask_account_or_phone(p.bank_account)),
         h(mask_account_or_phone(p.phone))});
  content += "<h2>当事人</h2>" +
             table({"地位", "名称", "证件号码", "银行账户", "电话"}, prow, "没有当事人");
  std::vector<std::vector<std::string>> mrow;
  for (const auto& m : measures)
    mrow.push_back({std::to_string(m.position + 1), h(measure_label(m.kind)), h(m.taken_on),
                    h(m.against), m.amount_fen ? h(yuan(*m.amount_fen)) : "—",
                    h(mask_personal_numbers(m.target)),
                    h(m.result == "found"  ? "查到财产"
                      : m.result == "none" ? "未查到"
                                           : m.result)});
  content +=
      "<h2>执行措施</h2>" +
      table({"序号", "措施", "日期", "被执行人", "金额", "对象", "结果"}, mrow, "没有执行措施");
  content += "<h2>已签发文书</h2>" + documents_table(docs, false);
  content += "<h2>司法救助评估</h2>" + relief_html(assessment);
  return content;
}

}  // namespace

Response Console::cases_list(Request& r, const Session& s) {
  require(s, Permission::view_cases);
  std::string number = r.param("number");
  if (number.size() > 100) throw HttpError(400, "bad_number", "案号过长");
  int limit = parse_int_param(r, "limit", 50, 1, 500, "bad_limit", "条数");
  auto sql = connect(runtime_url());
  auto cases = find_cases(*sql, number, limit);
  if (r.wants_json) {
    std::vector<std::string> items;
    for (const auto& c : cases)
      items.push_back(JsonObject()
                          .add("id", jnum(c.id))
                          .add("case_number", jstr(c.case_number))
                          .add("cause", jstr(c.cause))
                          .add("status", jstr(c.status))
                          .add("filed_on", jstr(c.filed_on))
                          .str());
    return Response::json("{\"cases\":" + jarray(items) + "}");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : cases)
    rows.push_back({"<a href=\"/cases/" + std::to_string(c.id) + "\">" + h(c.case_number) + "</a>",
                    h(c.cause), h(case_status_label(c.status)), h(c.filed_on), h(yuan(c.claim_fen)),
                    h(yuan(c.recovered_fen))});
  std::string content =
      "<h1>案件</h1><form method=\"get\" class=\"filters\"><label>案号包含<input name=\"number\" "
      "value=\"" +
      h(number) + "\" placeholder=\"执1号\"></label><button type=\"submit\">查找</button></form>" +
      table({"案号", "案由", "状态", "立案日期", "申请执行标的", "已执行到位"}, rows,
            "没有符合条件的案件");
  return Response::html(page("案件", &s, "cases", content));
}

Response Console::case_detail(Request& r, const Session& s, long long id) {
  require(s, Permission::view_cases);
  auto sql = connect(runtime_url());
  auto c = case_by_id(*sql, id);
  if (!c) throw HttpError(404, "not_found", "没有案件 #" + std::to_string(id));
  CaseView v{*c, parties_of_case(*sql, id), measures_of_case(*sql, id), documents_of_case(*sql, id),
             latest_assessment(*sql, id)};
  if (r.wants_json) return Response::json(case_json(v));
  return Response::html(page(c->case_number, &s, "cases", case_html(v)));
}

}  // namespace zhixing::app::web
