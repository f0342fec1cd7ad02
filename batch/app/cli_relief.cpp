// zhixing relief assess [--date D] [--all] | explain CASE [--json] | decide CASE --user NAME
// (--granted --amount YUAN | --refused) [--date D] [--members A,B,C] [--exception-approved] | list
// Judicial relief. Errors a user can cause print "<code>: <中文说明>" and exit 3.
#include <chrono>
#include <iostream>

#include "app/commands.h"
#include "config/policy_file.h"
#include "core/case_number.h"
#include "core/money.h"
#include "jobs/relief_run.h"
#include "relief/policy.h"
#include "relief/rules.h"
#include "store/case_loader.h"
#include "store/database.h"
#include "store/relief_store.h"

namespace zhixing::app::cli {

namespace {

std::string check_date(const std::string& v) {
  return Date::parse_iso(v) ? std::string() : std::string("日期应为 YYYY-MM-DD 且真实存在");
}

std::string_view outcome_label(std::string_view outcome) {
  if (outcome == "eligible") return "符合救助条件";
  if (outcome == "ineligible") return "不予救助";
  return "需人工审查";
}

int fail(std::string_view code, const std::string& message) {
  std::cerr << code << ": " << message << "\n";
  return kPartial;
}

struct ReliefArgs {
  std::string date;
  std::string case_number;
  bool json = false;
  bool all = false;
  std::string user;
  bool granted = false, refused = false;
  std::string amount;
  std::vector<std::string> members;
  bool exception_approved = false;
  std::string outcome;
};

// Chinese for why every candidate was assessed.
std::string_view full_run_label(jobs::FullRunReason reason) {
  switch (reason) {
    case jobs::FullRunReason::requested:
      return "按要求全量评估";
    case jobs::FullRunReason::no_watermark:
      return "尚无已完成的评估，全量评估";
    case jobs::FullRunReason::policy_changed:
      return "救助规则配置已变更，全量评估";
    case jobs::FullRunReason::earlier_date:
      return "业务日期早于上次评估，全量评估";
    case jobs::FullRunReason::none:
      break;
  }
  return "";
}

void print_relief_run(std::ostream& out, const jobs::ReliefRunReport& r) {
  if (r.full != jobs::FullRunReason::none)
    out << "  评估范围：" << full_run_label(r.full) << "（" << jobs::full_run_reason_name(r.full)
        << "），读取候选案件 " << r.cases_read << " 件\n";
  else
    out << "  评估范围：增量，自上次评估以来可能变化的案件 " << r.changed << " 件，其中候选案件 "
        << r.cases_read << " 件\n";
  out << "  救助评估：申请 " << r.applications << " 件，筛查名单 " << r.screened << " 件（符合 "
      << r.eligible << "，不予救助 " << r.ineligible << "，需审查 " << r.needs_review
      << "）；新写入 " << r.stored.inserted << " 条，恢复 " << r.stored.revived << " 条，未变 "
      << r.stored.unchanged << " 条（" << static_cast<long>(r.seconds * 1000) << " 毫秒）\n";
}

void print_numbering(std::ostream& out, const NumberingReport& n) {
  out << "  救助立案：新立 " << n.numbered << " 件，此前已立 " << n.existing << " 件";
  if (!n.numbers.empty())
    out << "（" << n.numbers.front() << (n.numbers.size() > 1 ? " … " + n.numbers.back() : "")
        << "）";
  if (n.conflicts > 0) out << "，与已立案决定不一致 " << n.conflicts << " 件";
  out << "\n";
}
}  // namespace

namespace {

void add_assess_command(CLI::App* relief, Context& ctx, const std::shared_ptr<ReliefArgs>& args) {
  auto* assess = relief->add_subcommand(
      "assess", "评估全部救助申请并筛查可能符合条件的案件，然后为合议庭决定立司救执案号");
  assess->add_option("--date", args->date, "业务日期 YYYY-MM-DD（默认今天）")->check(check_date);
  assess->add_flag("--all", args->all,
                   "全量评估全部候选案件（默认只评估自上次评估以来输入可能变化的案件）");
  assess->callback([&ctx, args] {
    relief::Policy policy = config::load_relief_policy(ctx.settings);
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    jobs::ReliefRunOptions options;
    options.business_date = args->date.empty() ? local_today() : *Date::parse_iso(args->date);
    options.all = args->all;
    jobs::ReliefRunReport r = jobs::run_relief_assessment(*sql, policy, options);
    NumberingReport n = number_relief_decisions(*sql);
    std::cout << "国家司法救助 业务日期 " << options.business_date.iso() << "\n";
    print_relief_run(std::cout, r);
    print_numbering(std::cout, n);
    ctx.exit_code = kOk;
  });
}

void add_explain_command(CLI::App* relief, Context& ctx, const std::shared_ptr<ReliefArgs>& args) {
  auto* explain =
      relief->add_subcommand("explain", "说明某一执行案件的救助申请（或筛查）最近一次评估");
  explain->add_option("CASE", args->case_number, "执行案号，如（2024）冀0633执12号")->required();
  explain->add_flag("--json", args->json, "以 JSON 输出");
  explain->callback([&ctx, args] {
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    if (!CaseNumber::parse(args->case_number)) {
      ctx.exit_code = fail("unknown_case", "案号格式不正确：" + args->case_number);
      return;
    }
    long long id = find_case_id(*sql, args->case_number);
    if (id == 0) {
      ctx.exit_code = fail("unknown_case", "案件不存在：" + args->case_number);
      return;
    }
    auto a = latest_assessment(*sql, id);
    if (!a) {
      ctx.exit_code = fail(
          "no_assessment",
          "案件 " + args->case_number +
              " 没有救助评估（无救助申请，也不在筛查名单上；或尚未运行 zhixing relief assess）");
      return;
    }
    if (args->json) {
      std::cout << explain_json(*a) << "\n";
      return;
    }
    std::cout << "案件 " << a->case_number << "  "
              << (a->kind == "application" ? "国家司法救助申请评估" : "筛查（尚无申请）") << "\n";
    std::cout << "结论 " << a->outcome << "（" << outcome_label(a->outcome) << "）";
    if (a->proposed_fen)
      std::cout << "  建议救助金额 " << Money::from_fen(*a->proposed_fen).plain() << "元";
    std::cout << "  救助上限 " << Money::from_fen(a->cap_fen).plain() << "元  尚未获赔损失 "
              << Money::from_fen(a->outstanding_loss_fen).plain() << "元\n";
    std::cout << "规则集 " << a->ruleset << "  业务日期 " << a->business_date.iso() << "  评估时间 "
              << a->assessed_at << "\n";
    for (const auto& r : a->rules)
      std::cout << "  "
                << (r.passed ? "通过"
                             : (r.effect == "excludes" ? "排除"
                                                       : (r.effect == "none" ? "说明" : "待查")))
                << "  " << r.id << "  " << r.reason << "\n";
    auto records = relief_records_for(*sql, {id});
    for (const auto& d : records[id].decisions)
      std::cout << "救助案件 " << d.relief_case_number.text() << "  " << d.decided_on.iso()
                << " 合议庭决定"
                << (d.granted ? "给予救助 " + d.amount->plain() + "元" : std::string("不予救助"))
                << "\n";
  });
}

void add_decide_command(CLI::App* relief, Context& ctx, const std::shared_ptr<ReliefArgs>& args) {
  auto* decide =
      relief->add_subcommand("decide", "录入合议庭的救助决定（给予或不予救助），并立司救执案号");
  decide->add_option("CASE", args->case_number, "执行案号")->required();
  decide->add_option("--user", args->user, "录入人（角色须为 admin 或 clerk）")
      ->required()
      ->check(input_text_check(kUserNameMaxBytes));
  auto* granted = decide->add_flag("--granted", args->granted, "决定给予救助");
  auto* refused = decide->add_flag("--refused", args->refused, "决定不予救助");
  granted->excludes(refused);
  decide->add_option("--amount", args->amount, "救助金额（元），给予救助时必填");
  decide->add_option("--date", args->date, "决定日期 YYYY-MM-DD（默认今天）")->check(check_date);
  decide
      ->add_option("--members", args->members,
                   "合议庭成员，逗号分隔，第一位为审判长（默认本案审判长和审判员）")
      ->delimiter(',')
      ->check(input_text_check(kUserNameMaxBytes));
  decide->add_flag("--exception-approved", args->exception_approved, "超过救助上限已经批准");
  decide->callback([&ctx, args] {
    if (!args->granted && !args->refused)
      throw CLI::ValidationError("--granted/--refused", "请指定 --granted 或 --refused");
    DecisionEntry entry;
    entry.case_number = args->case_number;
    entry.user = args->user;
    entry.granted = args->granted;
    if (!args->amount.empty()) {
      entry.amount = Money::parse_yuan(args->amount);
      if (!entry.amount) throw CLI::ValidationError("--amount", "金额格式不正确：" + args->amount);
    }
    entry.decided_on_given = !args->date.empty();
    entry.decided_on = args->date.empty() ? local_today() : *Date::parse_iso(args->date);
    entry.members = args->members;
    entry.exception_approved = args->exception_approved;

    relief::Policy policy = config::load_relief_policy(ctx.settings);
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    std::optional<Money> loss;
    long long id = find_case_id(*sql, args->case_number);
    if (id != 0) {
      auto cases = load_cases(*sql, {id});
      const CaseRecord& c = cases.front().record;
      Money prior =
          c.relief && c.relief->prior_compensation ? *c.relief->prior_compensation : Money();
      loss = relief::outstanding_loss_of(c.claim, c.recovered, prior);
      if (entry.members.empty()) {
        if (c.officers.presiding) entry.members.push_back(*c.officers.presiding);
        for (const auto& j : c.officers.judges)
          if (!c.officers.presiding || j != *c.officers.presiding) entry.members.push_back(j);
      }
    }
    DecideResult r = decide_relief(*sql, entry, loss);
    if (r.status != DecideStatus::recorded && r.status != DecideStatus::already_recorded) {
      ctx.exit_code = fail(decide_status_name(r.status), r.message);
      return;
    }
    std::cout << decide_status_name(r.status) << ": " << r.message << "\n";
    if (r.status == DecideStatus::recorded) {
      // The panel's decision is an input of the assessment: assess this case again.
      jobs::ReliefRunOptions options;
      options.business_date = entry.decided_on;
      options.case_id = id;
      jobs::run_relief_assessment(*sql, policy, options);
      if (auto a = latest_assessment(*sql, id))
        for (const auto& rule : a->rules)
          if (!rule.passed && (rule.id == "over_cap" || rule.id == "over_loss"))
            std::cout << "注意 " << rule.id << ": " << rule.reason << "\n";
    }
  });
}

void add_list_command(CLI::App* relief, Context& ctx, const std::shared_ptr<ReliefArgs>& args) {
  auto* list = relief->add_subcommand("list", "列出各案件最近一次救助评估");
  list->add_option("--outcome", args->outcome, "只列出该结论")
      ->check(CLI::IsMember({"eligible", "ineligible", "needs_review"}));
  list->callback([&ctx, args] {
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    for (const auto& row : current_assessments(*sql, args->outcome))
      std::cout << row.case_number << "\t" << row.kind << "\t" << row.outcome << "\t"
                << (row.proposed_fen ? Money::from_fen(*row.proposed_fen).plain() : "-") << "\t"
                << Money::from_fen(row.cap_fen).plain() << "\t" << row.decision_number << "\n";
  });
}

}  // namespace

void add_relief_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReliefArgs>();
  auto* relief = app.add_subcommand("relief", "国家司法救助：评估申请、说明评估、录入合议庭决定");
  relief->require_subcommand(1);
  add_assess_command(relief, ctx, args);
  add_explain_command(relief, ctx, args);
  add_decide_command(relief, ctx, args);
  add_list_command(relief, ctx, args);
}

}  // namespace zhixing::app::cli
