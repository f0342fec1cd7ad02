#include "relief/assessment.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/json_text.h"

namespace zhixing::relief {
namespace {

constexpr std::array<std::string_view, 9> kItemText = {"",   "一", "二", "三", "四",
                                                       "五", "六", "七", "八"};

// 法发〔2016〕16号 第三条, items (一)–(八), summarised.
constexpr std::array<std::string_view, 9> kItemSituation = {
    "",
    "刑事案件被害人受到犯罪侵害致重伤或者严重残疾，无法通过诉讼获得赔偿",
    "刑事案件被害人受到犯罪侵害危及生命，急需救治，无力承担医疗救治费用",
    "刑事案件被害人受到犯罪侵害而死亡，依靠其收入为主要生活来源的近亲属生活困难",
    "刑事案件被害人受到犯罪侵害致财产遭受重大损失，无法通过诉讼获得赔偿",
    "举报人、证人、鉴定人因举报、作证、鉴定受到打击报复，无法通过诉讼获得赔偿",
    "追索赡养费、扶养费、抚育费等，因被执行人没有履行能力，申请执行人生活困难",
    "道路交通事故等民事侵权行为造成人身伤害，无法通过诉讼获得赔偿",
    "其他需要救助的情形",
};

std::string item_ref(int item) {
  return "法发〔2016〕16号第三条第（" + std::string(kItemText[item]) + "）项";
}

struct FlagText {
  ExclusionFlag flag;
  std::string_view name;
  RuleId rule;
  std::string_view present;  // the flag is set: relief excluded
  std::string_view absent;
};

// The grounds for refusing relief (一般不予救助) listed by 中政委〔2014〕3号, items 1–6.
constexpr std::array<FlagText, kExclusionFlagCount> kFlags = {{
    {ExclusionFlag::major_fault, "major_fault", RuleId::flag_major_fault,
     "申请人对案件发生负有重大过错", "未记载申请人对案件发生负有重大过错"},
    {ExclusionFlag::refused_cooperation, "refused_cooperation", RuleId::flag_refused_cooperation,
     "申请人无正当理由拒不配合查明案件事实", "未记载申请人拒不配合查明案件事实"},
    {ExclusionFlag::false_statement, "false_statement", RuleId::flag_false_statement,
     "申请人故意作虚假陈述或者伪造证据，妨害诉讼", "未记载申请人虚假陈述或者伪造证据"},
    {ExclusionFlag::waived_claim, "waived_claim", RuleId::flag_waived_claim,
     "申请人放弃民事赔偿请求或者拒绝侵权人及其近亲属的赔偿", "未记载申请人放弃赔偿请求"},
    {ExclusionFlag::hardship_unrelated, "hardship_unrelated", RuleId::flag_hardship_unrelated,
     "申请人生活困难非案件原因所导致", "未记载申请人生活困难与案件无关"},
    {ExclusionFlag::aided_elsewhere, "aided_elsewhere", RuleId::flag_aided_elsewhere,
     "申请人已通过社会救助等途径得到合理补偿或者救助",
     "未记载申请人已通过其他途径得到补偿或者救助"},
}};

Rule person_applicant_rule(const AssessmentInput& in) {
  if (!in.applicant_found)
    return {RuleId::person_applicant, false, Effect::needs_review,
            "救助申请人不在本案当事人名单中，需核实"};
  // Relief is for natural persons: a 法人 or 其他组织 is not eligible. The importer already
  // rejects an organisation, this rule is the defence behind it.
  if (!in.applicant_is_person)
    return {RuleId::person_applicant, false, Effect::excludes,
            "申请人为法人或者其他组织，国家司法救助仅适用于自然人"};
  if (!in.applicant_has_applicant_role)
    return {RuleId::person_applicant, false, Effect::needs_review,
            "救助申请人不是本案申请执行人，需核实"};
  return {RuleId::person_applicant, true, Effect::excludes, "申请人为本案申请执行人，系自然人"};
}

// The item the ground implies (case-record.md `ground`), 0 for crime_victim (which names its
// own item 一–四) and for an unknown ground (-1).
int item_of_ground(std::string_view ground) {
  if (ground == "support") return 6;
  if (ground == "tort_injury") return 7;
  if (ground == "retaliation") return 5;
  if (ground == "other") return 8;
  if (ground == "crime_victim") return 0;
  return -1;
}

Rule ground_rule(const AssessmentInput& in, int& item_out) {
  item_out = 0;
  const int implied = item_of_ground(in.ground);
  const int cited = basis_item_number(in.basis_item);
  if (implied < 0)
    return {RuleId::ground_item, false, Effect::needs_review, "申请事由无法识别，需核实救助依据"};
  if (implied == 0) {  // crime_victim
    if (cited < 1 || cited > 4)
      return {RuleId::ground_item, false, Effect::needs_review,
              "刑事被害人申请应注明第三条第（一）至（四）项中的一项"};
  } else if (cited != 0 && cited != implied) {
    return {RuleId::ground_item, false, Effect::needs_review,
            "申请所引第三条第（" + std::string(kItemText[cited]) + "）项与申请事由不一致，需核实"};
  }
  const int item = implied == 0 ? cited : implied;
  item_out = item;
  if (item == 8 && !in.wage_category)
    // Item 八 is the catch-all "others the court finds need relief": the machine cannot find
    // that; local practice uses it for unpaid (migrant) wages, which the category shows.
    return {RuleId::ground_item, false, Effect::needs_review,
            item_ref(8) + "为兜底情形，需合议庭认定是否需要救助"};
  std::string reason = "符合" + item_ref(item) + "：" + std::string(kItemSituation[item]);
  if (item == 8) reason += "（追索劳动报酬、农民工工资）";
  return {RuleId::ground_item, true, Effect::needs_review, std::move(reason)};
}

// Hardship (生活面临急迫困难, 法发〔2016〕16号 第三条): any one path proves it; all paths known and
// failing disprove it (`no_hardship`); otherwise it is unproven.
Rule hardship_rule(const AssessmentInput& in, const Policy& policy) {
  if (in.has_dibao.value_or(false))
    return {RuleId::hardship, true, Effect::needs_review, "申请人持有低保证，生活困难"};

  const bool size_known = in.household_size && *in.household_size >= 1;
  const bool income_known = size_known && in.household_monthly_income.has_value();
  const int64_t threshold_fen = policy.income_per_head_threshold.fen();
  Money per_head;
  if (income_known) {
    const int64_t income_fen = in.household_monthly_income->fen();
    per_head = Money::from_fen(income_fen / *in.household_size);
    // Compared without dividing, so a fen of rounding never flips the answer.
    if (income_fen < mul_fen(threshold_fen, *in.household_size))
      return {RuleId::hardship, true, Effect::needs_review,
              "家庭人均月收入" + per_head.plain() + "元，低于标准" +
                  policy.income_per_head_threshold.plain() + "元，生活困难"};
  }
  const bool medical_known = income_known && in.medical_expenses.has_value();
  Money medical_bar;
  if (medical_known) {
    medical_bar =
        Money::from_fen(mul_fen(in.household_monthly_income->fen(), policy.medical_months));
    if (in.medical_expenses->fen() > 0 && *in.medical_expenses >= medical_bar)
      return {RuleId::hardship, true, Effect::needs_review,
              "尚欠医疗费" + in.medical_expenses->plain() + "元，达到家庭月收入的" +
                  std::to_string(policy.medical_months) + "倍（" + medical_bar.plain() +
                  "元），生活困难"};
  }

  if (in.has_dibao.has_value() && income_known && medical_known)
    return {RuleId::no_hardship, false, Effect::excludes,
            "未持低保证，家庭人均月收入" + per_head.plain() + "元不低于标准" +
                policy.income_per_head_threshold.plain() + "元，医疗费" +
                in.medical_expenses->plain() + "元低于家庭月收入的" +
                std::to_string(policy.medical_months) + "倍，无生活困难"};

  std::string missing;
  auto note = [&missing](std::string_view what) {
    if (!missing.empty()) missing += "、";
    missing += what;
  };
  if (!in.has_dibao.has_value()) note("是否持有低保证");
  if (!size_known) note("家庭人口");
  if (!in.household_monthly_income) note("家庭月收入");
  if (!in.medical_expenses) note("医疗费");
  return {RuleId::hardship, false, Effect::needs_review, "生活困难情况未查明：缺少" + missing};
}

void panel_amount_rules(const AssessmentInput& in, const Policy& policy, Money cap, bool cap_known,
                        Money outstanding, std::vector<Rule>& rules) {
  if (!in.panel_decided || !in.panel_granted) return;
  if (!in.panel_amount) {
    rules.push_back(
        {RuleId::over_cap, false, Effect::needs_review, "合议庭决定给予救助但未记载救助金额"});
    return;
  }
  const Money amount = *in.panel_amount;
  const std::string said = "合议庭决定救助金额" + amount.plain() + "元";
  if (!cap_known) {
    rules.push_back(
        {RuleId::over_cap, false, Effect::needs_review, said + "，救助上限无法计算，不能核对"});
  } else if (amount <= cap) {
    rules.push_back({RuleId::over_cap, true, Effect::needs_review,
                     said + "，未超过救助上限" + cap.plain() + "元"});
  } else if (in.exception_approved || !policy.over_cap_requires_approval) {
    // 法发〔2016〕16号: an especially heavy loss and especially severe hardship may exceed the
    // cap under strict review.
    rules.push_back({RuleId::over_cap, true, Effect::needs_review,
                     said + "，超过救助上限" + cap.plain() + "元，" +
                         (in.exception_approved ? "已经批准例外救助" : "本规则不要求批准")});
  } else {
    rules.push_back({RuleId::over_cap, false, Effect::needs_review,
                     said + "，超过救助上限" + cap.plain() + "元，未经批准例外救助"});
  }
  // Never above the sum awarded and not enforced, whatever the approval (法发〔2016〕16号).
  if (amount <= outstanding)
    rules.push_back({RuleId::over_loss, true, Effect::needs_review,
                     said + "，未超过尚未获得赔偿的损失" + outstanding.plain() + "元"});
  else
    rules.push_back({RuleId::over_loss, false, Effect::needs_review,
                     said + "，超过尚未获得赔偿的损失" + outstanding.plain() + "元"});
}

std::string inputs_hash(const AssessmentInput& in, const Policy& policy, const WageLookup& wage) {
  CanonicalInputs c(kAssessmentInputSchema);
  c.policy(policy, in.province, wage);
  c.text("case_number", in.case_number);
  c.text("closure_kind", in.closure_kind);
  c.integer("inquiries", static_cast<int64_t>(in.inquiries));
  c.integer("inquiries_found", static_cast<int64_t>(in.inquiries_found));
  c.money("claim_fen", in.claim);
  c.money("recovered_fen", in.recovered);
  c.flag("wage_category", in.wage_category);
  c.flag("applicant_found", in.applicant_found);
  c.flag("applicant_is_person", in.applicant_is_person);
  c.flag("applicant_has_applicant_role", in.applicant_has_applicant_role);
  c.text("ground", in.ground);
  c.text("basis_item", in.basis_item);
  c.integer("household_size", in.household_size);
  c.money("household_monthly_income_fen", in.household_monthly_income);
  c.flag("has_dibao", in.has_dibao);
  c.money("medical_expenses_fen", in.medical_expenses);
  c.money("prior_compensation_fen", in.prior_compensation);
  c.integer("flag_bits", static_cast<int64_t>(in.flag_bits));
  c.integer("unknown_flags", static_cast<int64_t>(in.unknown_flags));
  c.flag("panel_decided", in.panel_decided);
  c.flag("panel_granted", in.panel_granted);
  c.money("panel_amount_fen", in.panel_amount);
  c.flag("exception_approved", in.exception_approved);
  c.flag("relief_already_received", in.relief_already_received);
  c.integer("decision_year", static_cast<int64_t>(in.decision_year));
  return c.sha256_hex();
}

}  // namespace

std::optional<ExclusionFlag> parse_exclusion_flag(std::string_view name) {
  for (const auto& f : kFlags)
    if (f.name == name) return f.flag;
  return std::nullopt;
}

int basis_item_number(std::string_view item) {
  for (int i = 1; i <= 8; ++i)
    if (kItemText[i] == item) return i;
  return 0;
}

std::string_view basis_item_text(int number) {
  return number >= 1 && number <= 8 ? kItemText[number] : std::string_view();
}

AssessmentInput input_from_case(const CaseRecord& record, bool relief_already_received,
                                Date business_date) {
  if (!record.relief) throw std::logic_error("input_from_case: the case has no relief application");
  const ReliefApplication& app = *record.relief;
  AssessmentInput in;
  in.case_number = record.case_number.text();
  in.province = std::string(province_of_court(record.case_number.court_code));
  if (record.closure) in.closure_kind = record.closure->kind;
  for (const auto& m : record.measures) {
    if (m.kind != "inquiry") continue;
    ++in.inquiries;
    if (m.result && *m.result == "found") ++in.inquiries_found;
  }
  in.claim = record.claim;
  in.recovered = record.recovered;
  for (const auto& c : record.categories)
    if (c == "migrant_wages" || c == "labor_remuneration") in.wage_category = true;
  if (const Party* p = record.party(app.applicant)) {
    in.applicant_found = true;
    in.applicant_is_person = p->is_person();
    in.applicant_has_applicant_role = p->role == "applicant";
  }
  in.ground = app.ground;
  in.basis_item = app.basis_item;
  in.household_size = app.household_size;
  in.household_monthly_income = app.household_monthly_income;
  in.has_dibao = app.has_dibao;
  in.medical_expenses = app.medical_expenses;
  in.prior_compensation = app.prior_compensation;
  for (const auto& f : app.flags) {
    if (auto flag = parse_exclusion_flag(f))
      in.flag_bits |= flag_bit(*flag);
    else
      ++in.unknown_flags;
  }
  if (app.panel) {
    in.panel_decided = true;
    in.panel_granted = app.panel->granted;
    in.panel_amount = app.panel->amount;
    in.exception_approved = app.panel->exception_approved;
  }
  in.relief_already_received = relief_already_received;
  in.decision_year = app.panel ? app.panel->decided_on.year() : business_date.year();
  return in;
}

Assessment assess(const AssessmentInput& in, const Policy& policy) {
  Assessment a;
  a.case_number = in.case_number;
  a.ruleset = policy.ruleset;
  a.rules.reserve(20);

  a.rules.push_back(person_applicant_rule(in));
  a.rules.push_back(ground_rule(in, a.basis_item));
  a.rules.push_back(debtor_cannot_pay_rule({in.closure_kind, in.inquiries, in.inquiries_found}));
  a.rules.push_back(hardship_rule(in, policy));
  for (const auto& f : kFlags) {
    const bool set = (in.flag_bits & flag_bit(f.flag)) != 0;
    a.rules.push_back({f.rule, !set, Effect::excludes, std::string(set ? f.present : f.absent)});
  }
  if (in.unknown_flags > 0)
    a.rules.push_back(
        {RuleId::flag_unknown, false, Effect::needs_review,
         "申请记载了" + std::to_string(in.unknown_flags) + "项无法识别的排除情形，需核实"});
  // 一次性 (法发〔2016〕16号): each party in the same case gets relief once.
  a.rules.push_back(
      in.relief_already_received
          ? Rule{RuleId::once_only, false, Effect::excludes,
                 "申请人已就本案获得过国家司法救助，同一案件只救助一次"}
          : Rule{RuleId::once_only, true, Effect::excludes, "申请人未就本案获得过国家司法救助"});

  a.outstanding_loss =
      outstanding_loss_of(in.claim, in.recovered, in.prior_compensation.value_or(Money()));
  a.rules.push_back(
      outstanding_loss_rule(in.claim, in.recovered, in.prior_compensation, a.outstanding_loss));

  const WageLookup wage = policy.wage_for_decision_year(in.province, in.decision_year);
  a.cap = cap_of(policy, wage);
  a.wage_year = wage.used_year;
  append_cap_rules(policy, in.province, wage, a.cap, a.rules);
  const bool cap_known = wage.result != WageLookup::Result::no_province;
  panel_amount_rules(in, policy, a.cap, cap_known, a.outstanding_loss, a.rules);

  a.outcome = outcome_of(a.rules);
  if (a.outcome == Outcome::eligible) a.proposed = std::min(a.cap, a.outstanding_loss);
  a.inputs_sha256 = inputs_hash(in, policy, wage);
  if (!in.panel_decided) a.changes_on = next_decision_year_starts(in.decision_year);
  return a;
}

std::string to_json(const Assessment& a) {
  std::vector<std::string> rules;
  rules.reserve(a.rules.size());
  for (const Rule& r : a.rules)
    rules.push_back(JsonObject()
                        .add_string("id", rule_id_name(r.id))
                        .add_bool("passed", r.passed)
                        .add_string("reason", r.reason)
                        .str());
  return JsonObject()
      .add_string("case_number", a.case_number)
      .add_string("outcome", outcome_name(a.outcome))
      .add("proposed_fen", a.outcome == Outcome::eligible && a.proposed
                               ? json_number(a.proposed->fen())
                               : std::string("null"))
      .add_number("cap_fen", a.cap.fen())
      .add_string("ruleset", a.ruleset)
      .add("rules", json_array(rules))
      .str();
}

}  // namespace zhixing::relief
