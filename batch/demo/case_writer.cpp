#include "demo/case_writer.h"

#include <algorithm>
#include <string>

#include "demo/demo_names.h"
#include "demo/identities.h"

namespace zhixing::inline demo {

using namespace demo_names;

namespace {

// 申请执行费 (诉讼费用交纳办法 第十四条): ¥50 up to ¥10,000, then 1.5 % / 1 % / 0.5 % / 0.1 %.
int64_t filing_fee_fen(int64_t claim_fen) {
  struct Band {
    int64_t upto_fen;
    int64_t rate_per100k;
  };
  static constexpr Band kBands[] = {
      {50000000, 1500}, {500000000, 1000}, {1000000000, 500}, {INT64_MAX, 100}};
  if (claim_fen <= 1000000) return 5000;
  int64_t fee = 5000, lower = 1000000;
  for (const auto& b : kBands) {
    const int64_t part = std::min(claim_fen, b.upto_fen) - lower;
    if (part <= 0) break;
    fee += part * b.rate_per100k / 100000;
    lower = b.upto_fen;
  }
  return fee;
}

}  // namespace

CaseWriter::Case::Case(const Planner& plan, int64_t index, const Skeleton& skeleton,
                       int closure_kind, int64_t recovered_fen)
    : i(index),
      s(skeleton),
      kind(closure_kind),
      r(case_rng(plan.seed(), index, kDetail)),
      cause(kCauses[skeleton.cause]),
      script(skeleton.script >= 0 ? &kReliefScript[skeleton.script] : nullptr),
      year_end(plan.calendar().last()),
      closed(skeleton.closed),
      closure_on(skeleton.filed.plus_days(skeleton.days)),
      end(closed ? closure_on : year_end),
      span(end - skeleton.filed),
      recovered(recovered_fen),
      money_from(skeleton.filed) {}

Date CaseWriter::Case::at(int32_t lo, int32_t hi) {
  int32_t d = static_cast<int32_t>(r.range(lo, std::max(lo, hi)));
  return s.filed.plus_days(std::min(d, span));
}

void CaseWriter::write(std::string& out, int64_t i, const Skeleton& s, int kind,
                       int64_t recovered_fen) {
  Case c(plan_, i, s, kind, recovered_fen);
  decide_parties(c);
  out.clear();
  JsonWriter j(out);
  j.begin_object();
  write_heading(j, c);
  write_title_document(j, c);
  write_categories_and_periods(j, c);
  plan_measures(c);
  plan_settlement(c);
  plan_receipts(c);
  write_outcome(j, c);
  write_officers(j, c);
  write_parties(j, c);
  write_measures_and_receipts(j);
  write_settlement(j, c);
  if (c.script) write_relief(j, c.r, *c.script, c.closure_on);
  j.end_object();
  out += '\n';
  count(c);
}

// The parties and the settlement plan (执行和解) are decided first: measures and relief refer
// to them.
void CaseWriter::decide_parties(Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const CauseSpec& cause = c.cause;
  const int kind = c.kind;
  const bool closed = c.closed;
  c.bank = cause.bank_applicant;
  c.applicant_org = c.bank || r.per_mille(cause.applicant_org_permille);
  c.respondent_org = r.per_mille(cause.respondent_org_permille);
  int respondents = 1;
  if (cause.max_respondents > 1 && r.per_mille(300)) respondents = 2;
  if (cause.max_respondents > 2 && respondents == 2 && r.per_mille(300)) respondents = 3;
  if (c.script) respondents = 1;
  c.respondents = respondents;
  c.tc_consent = kind == terminated_current && r.per_mille(300);

  c.settle_performed = !c.script && closed && kind == performed && s.days >= 45 && r.per_mille(80);
  const bool settle_open = !c.script && !closed && (s.filed < c.year_end.plus_days(-40)) &&
                           r.per_mille(s.stuck ? 400 : 60);
  c.settled = c.settle_performed || settle_open;
  c.settle_guarantor = c.settled && r.per_mille(300);
}

void CaseWriter::write_heading(JsonWriter& j, Case& c) {
  const Skeleton& s = c.s;
  j.field("schema", "zhixing.case/1");
  const bool resumed = s.resumed;
  c.resumed = resumed;
  int64_t serial = resumed ? ++resumed_serial_ : ++first_serial_;
  {
    std::string num = "（";
    append_int(num, plan_.year());
    num += resumed ? "）冀0633执恢" : "）冀0633执";
    append_int(num, serial);
    num += "号";
    j.field("case_number", num);
  }
  j.field_date("filed_on", s.filed);
  j.field("cause", c.cause.cause);
}

// 执行依据: the judgment or mediation statement the case enforces.
void CaseWriter::write_title_document(JsonWriter& j, Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  c.effective = c.resumed ? s.filed.plus_days(-static_cast<int32_t>(r.range(400, 900)))
                          : s.filed.plus_days(-static_cast<int32_t>(r.range(20, 320)));
  const Date effective = c.effective;
  const bool appeal = r.per_mille(80);
  j.key("title_document");
  j.begin_object();
  {
    int title_year = effective.year() - (r.per_mille(350) ? 1 : 0);
    std::string num = "（";
    append_int(num, title_year);
    num += appeal ? "）冀06民终" : "）冀0633民初";
    append_int(num, r.range(1, appeal ? 9000 : 4800));
    num += "号";
    j.field("number", num);
    j.field("kind", appeal || r.per_mille(550) ? "民事判决书" : "民事调解书");
    j.field("court", appeal ? "河北省保定市中级人民法院" : "河北省易县人民法院");
    j.field_date("effective_on", effective);
  }
  j.end_object();
}

// Categories, the filing fee and the approved extensions of the time limit.
void CaseWriter::write_categories_and_periods(JsonWriter& j, Case& c) {
  const Skeleton& s = c.s;
  const CauseSpec& cause = c.cause;
  c.category = s.alt_category ? cause.alt_category : cause.category;
  const std::string_view category = c.category;
  const bool enterprise_pair = c.applicant_org && !c.bank && c.respondent_org && category.empty();
  if (!category.empty() || enterprise_pair) {
    j.key("categories");
    j.begin_array();
    j.str(enterprise_pair ? "enterprise" : category);
    j.end_array();
  }
  j.field_money("filing_fee", filing_fee_fen(s.claim_fen));

  if (s.extension) {
    j.key("extensions");
    j.begin_array();
    j.begin_object();
    j.field_date("from", s.filed.plus_months(6));
    j.field_date("to", s.filed.plus_months(9));
    j.field("approved_by", kPresident);
    j.end_object();
    j.end_array();
  }
}

// The excluded period (an auction's), claim, recovered amount, status and closure.
void CaseWriter::write_outcome(JsonWriter& j, Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const int kind = c.kind;
  const bool closed = c.closed, settled = c.settled, tc_consent = c.tc_consent;
  const int64_t auction_from = c.auction_from, recovered = c.recovered;
  const Date end = c.end, closure_on = c.closure_on;
  if (auction_from >= 0) {
    j.key("excluded_periods");
    j.begin_array();
    j.begin_object();
    j.field_date("from", s.filed.plus_days(static_cast<int32_t>(auction_from)));
    j.field_date("to", std::min(end, s.filed.plus_days(static_cast<int32_t>(auction_from) + 7)));
    j.field("reason", "拍卖");
    j.end_object();
    j.end_array();
  }

  j.field_money("claim", s.claim_fen);
  j.field_money("recovered", recovered);
  c.status = closed ? "closed" : (settled || (s.stuck && r.per_mille(500))) ? "suspended" : "open";
  j.field("status", c.status);
  if (closed) {
    j.key("closure");
    j.begin_object();
    j.field("kind", kKindNames[kind]);
    j.field_date("on", closure_on);
    if (kind == terminated_current) {
      j.field_bool("applicant_consents", tc_consent);
      // The applicant was told of the search's result and heard (终本规定 第一条), in the
      // days before the ruling, after the last on-site inquiry (at most day 60).
      j.field_date("applicant_informed_on",
                   closure_on.plus_days(-static_cast<int32_t>(r.range(3, 12))));
    }
    j.end_object();
    if (kind == transferred && r.per_mille(300)) j.field("executing_court", "冀0623");
  }
}

void CaseWriter::write_officers(JsonWriter& j, Case& c) {
  Rng& r = c.r;
  const int kind = c.kind;
  const bool tc_consent = c.tc_consent;
  j.key("officers");
  j.begin_object();
  {
    const size_t e1 = r.below(kEnforcers.size());
    j.key("enforcers");
    j.begin_array();
    j.str(kEnforcers[e1].name);
    if (r.per_mille(400))
      j.str(kEnforcers[(e1 + 1 + r.below(kEnforcers.size() - 1)) % kEnforcers.size()].name);
    j.end_array();
    j.field("enforcer_title", kEnforcers[e1].title);
    if (kind == terminated_current && !tc_consent) {
      const size_t p = r.below(kPresiding.size());
      const size_t j1 = r.below(kJudges.size());
      j.field("presiding", kPresiding[p]);
      j.key("judges");
      j.begin_array();
      j.str(kJudges[j1]);
      j.str(kJudges[(j1 + 1 + r.below(kJudges.size() - 1)) % kJudges.size()]);
      j.end_array();
    }
    j.field("clerk", r.pick(kClerks));
  }
  j.end_object();
}

void CaseWriter::write_parties(JsonWriter& j, Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const CauseSpec& cause = c.cause;
  const std::string_view category = c.category;
  const bool respondent_org = c.respondent_org, settle_guarantor = c.settle_guarantor;
  const int respondents = c.respondents;
  j.key("parties");
  j.begin_array();
  write_applicant(j, c);
  for (int k = 0; k < respondents; ++k) {
    std::string id = "r";
    append_int(id, k + 1);
    if (respondent_org && k == 0) {
      const OrgKind ok = s.cause == cause_index("建设工程施工合同纠纷") ? OrgKind::builder
                         : category == "migrant_wages"                  ? OrgKind::labour
                                                                        : OrgKind::company;
      write_org_party(j, r, id, "respondent", ok);
    } else {
      bool male = r.per_mille(cause.cause == "抚养费纠纷" ? 900 : 700);
      Person p = make_person(r, s.filed, 24, 66, male);
      write_person_party(j, r, id, "respondent", p, r.pick(kOccupations));
    }
    j.end_object();
  }
  if (settle_guarantor) {
    Person g = make_person(r, s.filed, 30, 65, r.per_mille(700));
    write_person_party(j, r, "g1", "guarantor", g, r.pick(kOccupations));
    j.end_object();
  }
  j.end_array();
}

// The applicant: an organisation with its lawyer, or a person with a relative as agent (a
// minor's mother) and, for a relief applicant, a bank account.
void CaseWriter::write_applicant(JsonWriter& j, Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const CauseSpec& cause = c.cause;
  const ReliefScript* script = c.script;
  const bool bank = c.bank, applicant_org = c.applicant_org;
  const int relief_age_min = cause.applicant_age_min;
  if (applicant_org) {
    write_org_party(j, r, "a1", "applicant",
                    bank                                             ? OrgKind::bank
                    : s.cause == cause_index("建设工程施工合同纠纷") ? OrgKind::builder
                                                                     : OrgKind::company);
    if (r.per_mille(600)) {
      j.key("agents");
      j.begin_array();
      j.begin_object();
      j.field("name", person_name(r, r.per_mille(600)));
      j.field("kind", "lawyer");
      j.field("firm", r.pick(kLawFirms));
      j.field_bool("special_authority", true);
      j.end_object();
      j.end_array();
    }
    j.end_object();
  } else {
    const bool male = r.per_mille(cause.applicant_male_permille);
    Person a = make_person(r, s.filed, relief_age_min, cause.applicant_age_max, male);
    const bool minor = cause.applicant_age_max < 18;
    write_person_party(j, r, "a1", "applicant", a,
                       minor ? "学生" : std::string_view(r.pick(kOccupations)));
    if (minor || (cause.applicant_age_min >= 65 && r.per_mille(400))) {
      j.key("agents");
      j.begin_array();
      j.begin_object();
      std::string agent(a.name.substr(0, 3));  // same family name (surnames are 1 character)
      if (minor)
        agent = person_name(r, false);  // the mother, as statutory agent
      else {
        agent += r.pick(kMaleGiven);
        agent += r.pick(kMaleGiven);
      }
      j.field("name", agent);
      j.field("kind", "relative");
      j.field_bool("special_authority", true);
      j.end_object();
      j.end_array();
    }
    if (script) {
      j.key("bank_account");
      j.begin_object();
      j.field("bank", r.pick(kBanksShort));
      std::string acct = "6228480000";
      append_digits(acct, r, 9);
      j.field("account", acct);
      j.end_object();
    }
    j.end_object();
  }
}

// The measures in date order, then the receipts.
void CaseWriter::write_measures_and_receipts(JsonWriter& j) {
  std::stable_sort(measures_.begin(), measures_.end(),
                   [](const MeasureOut& a, const MeasureOut& b) { return a.on < b.on; });
  j.key("measures");
  j.begin_array();
  for (const auto& m : measures_) {
    j.begin_object();
    j.field("kind", m.kind);
    j.field_date("on", m.on);
    std::string against = "r";
    append_int(against, m.against + 1);
    j.field("against", against);
    if (m.amount_fen >= 0) j.field_money("amount", m.amount_fen);
    if (!m.target.empty()) j.field("target", m.target);
    if (!m.period.empty()) j.field("period", m.period);
    if (!m.result.empty()) j.field("result", m.result);
    if (!m.note.empty()) j.field("note", m.note);
    j.end_object();
  }
  j.end_array();

  if (!receipts_.empty()) {
    j.key("receipts");
    j.begin_array();
    for (const auto& rc : receipts_) {
      j.begin_object();
      j.field_date("on", rc.on);
      j.field_money("amount", rc.amount_fen);
      j.field("source", rc.source);
      j.field("reference", rc.reference);
      j.end_object();
    }
    j.end_array();
    fig_.receipts += static_cast<int64_t>(receipts_.size());
  }
}

void CaseWriter::write_settlement(JsonWriter& j, const Case& c) {
  const Skeleton& s = c.s;
  const bool settled = c.settled, settle_guarantor = c.settle_guarantor;
  const int n_inst = c.n_inst;
  const Date signed_on = c.signed_on;
  const std::array<Date, 6>& due = c.due;
  const std::array<int64_t, 6>& part = c.part;
  if (settled) {
    j.key("settlement");
    j.begin_object();
    j.field_date("signed_on", signed_on);
    j.field_money("total", s.claim_fen);
    j.key("installments");
    j.begin_array();
    for (int k = 0; k < n_inst; ++k) {
      j.begin_object();
      j.field_date("due_on", due[k]);
      j.field_money("amount", part[k]);
      j.end_object();
    }
    j.end_array();
    j.field_int("grace_days", 15);
    if (settle_guarantor) j.field("guarantor", "g1");
    j.field("place", "易县人民法院执行局");
    j.end_object();
    ++fig_.settlements;
  }
}

void CaseWriter::write_relief(JsonWriter& j, Rng& r, const ReliefScript& sc, Date closure_on) {
  const Date applied = closure_on.plus_days(static_cast<int32_t>(r.range(7, 20)));
  j.key("relief");
  j.begin_object();
  j.field("applicant", "a1");
  j.field_date("applied_on", applied);
  j.field("ground", kCauses[sc.cause].ground);
  j.field_int("household_size", sc.household_size);
  j.field_money("household_monthly_income", sc.income_yuan * 100);
  j.field_bool("has_dibao", sc.dibao);
  j.field_money("medical_expenses", sc.medical_yuan * 100);
  j.field_money("prior_compensation", sc.prior_compensation_yuan * 100);
  j.key("flags");
  j.begin_array();
  if (!sc.flag.empty()) j.str(sc.flag);
  j.end_array();
  if (sc.panel != Panel::none) {
    j.key("panel");
    j.begin_object();
    j.field_date("decided_on", applied.plus_days(static_cast<int32_t>(r.range(15, 40))));
    j.field_bool("granted", sc.panel == Panel::granted);
    if (sc.panel == Panel::granted) j.field_money("amount", sc.grant_yuan * 100);
    j.key("members");
    j.begin_array();
    j.str(kPresiding[0]);
    j.str(kJudges[0]);
    j.str(kJudges[4]);
    j.end_array();
    j.field_bool("exception_approved", false);
    j.end_object();
    if (sc.panel == Panel::granted) {
      ++fig_.relief_granted;
      fig_.relief_granted_fen += sc.grant_yuan * 100;
    }
  }
  j.end_object();
  ++fig_.relief_applications;
}

// The case in the data set's figures.
void CaseWriter::count(const Case& c) {
  const Skeleton& s = c.s;
  const int kind = c.kind;
  const bool closed = c.closed, resumed = c.resumed;
  const Date closure_on = c.closure_on;
  const int64_t recovered = c.recovered;
  const char* status = c.status;
  ++fig_.cases;
  ++(resumed ? fig_.resumed : fig_.first_enforcement);
  fig_.total_claim_fen += s.claim_fen;
  fig_.total_recovered_fen += recovered;
  if (closed) {
    ++fig_.closed;
    fig_.closed_days_sum += s.days;
    fig_.closed_claim_fen += s.claim_fen;
    fig_.closed_recovered_fen += recovered;
    const Date limit = s.filed.plus_months(s.extension ? 9 : 6);
    if (closure_on <= limit) ++fig_.closed_within_limit;
    switch (kind) {
      case performed:
        ++fig_.performed;
        break;
      case terminated_current:
        ++fig_.terminated_current;
        break;
      case terminated:
        ++fig_.terminated;
        break;
      case withdrawn:
        ++fig_.withdrawn;
        break;
      case rejected:
        ++fig_.rejected;
        break;
      default:
        ++fig_.transferred;
        break;
    }
  } else if (status[0] == 's') {
    ++fig_.suspended;
  } else {
    ++fig_.open;
  }
}

}  // namespace zhixing::inline demo
