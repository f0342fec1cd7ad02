// zhixing ledger post|grant|confirm|verify|report: the relief fund ledger for finance.
// Exit codes: post/grant 0 created or exists, 3 refused (the code is printed), 1 fatal;
// confirm 0 every line matched or already confirmed, 3 some mismatched/unknown/invalid, 1 fatal;
// verify 0 ok, 4 mismatch (or an anchor gone or changed), 1 cannot run; report 0 (it ends with
// the chain head and the verification). Every text flag is checked where it enters
// (core/input_text.h): exit 2 when it is not valid UTF-8, holds a control character or is too
// long.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "core/case_number.h"
#include "core/date.h"
#include "core/input_text.h"
#include "core/money.h"
#include "documents/blocks_pdf.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger.h"
#include "ledger/ledger_report.h"
#include "ledger/verifier.h"
#include "store/database.h"
#include "store/ledger_store.h"
#include "store/user_store.h"

namespace zhixing::app::cli {

namespace {

namespace fs = std::filesystem;

constexpr int kMismatch = 4;  // verify: the ledger does not match its chain

struct LedgerArgs {
  std::string user;
  std::string amount;
  std::string key;
  std::string court;
  int year = 0;
  std::string date;
  // grant
  std::string decision;
  long long applicant_id = 0;
  std::string applicant;
  std::string decision_sha256;
  // confirm / report
  std::string file;
  // verify
  std::vector<std::string> anchors;
  std::string format = "csv";
  std::string out;
};

// A flag's text reaches a hash or a ledger table: valid UTF-8, no control character, bounded.
CLI::Validator input_text(std::size_t max_bytes) {
  return CLI::Validator(
      [max_bytes](std::string& value) -> std::string {
        if (auto fault = check_input_text(value, max_bytes))
          return fault->code + ": " + fault->message;
        return "";
      },
      "TEXT");
}

// --anchor SEQ:HASH, or a file holding `# head:` lines or a summary's "ledger_head".
std::vector<ledger::Anchor> read_anchors(const std::vector<std::string>& specs) {
  std::vector<ledger::Anchor> out;
  for (const std::string& spec : specs) {
    if (auto a = ledger::parse_anchor(spec)) {
      out.push_back(*a);
      continue;
    }
    std::ifstream in(spec, std::ios::binary);
    if (!in)
      throw CLI::ValidationError("--anchor", "应为 序号:哈希（64 位十六进制）或含锚点的文件：" +
                                                 sanitize_for_log(spec, 200));
    std::stringstream content;
    content << in.rdbuf();
    auto found = ledger::anchors_in_text(content.str());
    if (found.empty())
      throw CLI::ValidationError("--anchor", "文件中没有锚点（# head: 或 \"ledger_head\"）：" +
                                                 sanitize_for_log(spec, 200));
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

ledger::LedgerOptions ledger_options(const Settings& settings) {
  ledger::LedgerOptions o;
  o.offsets_enabled = settings.get_bool("ledger.offsets_enabled", true);
  return o;
}

// The user must exist with one of `roles`; else prints the refusal and returns false.
bool authorised(soci::session& sql, const std::string& user,
                std::initializer_list<const char*> roles) {
  auto found = find_console_user(sql, user);
  if (!found) {
    std::cerr << "refused: unknown_user: 用户 " << user << " 不存在（zhixing users add）\n";
    return false;
  }
  const std::string& role = found->role;
  for (const char* r : roles)
    if (role == r) return true;
  std::cerr << "refused: not_authorised: 用户 " << user << " 的角色为 " << role
            << "，此操作需要 finance 或 admin\n";
  return false;
}

int print_result(const ledger::PostResult& r) {
  if (r.ok()) {
    std::cout << r.code() << ": " << r.message;
    if (!r.voucher_number.empty()) std::cout << "（凭证号 " << r.voucher_number << "）";
    std::cout << "\n";
    return kOk;
  }
  std::cerr << "refused: " << r.code() << ": " << r.message << "\n";
  return kPartial;
}

void resolve_court_year_date(const Context& ctx, LedgerArgs& a, Date& date) {
  if (a.court.empty()) a.court = ctx.settings.get("court.code", "冀0633");
  std::optional<Date> d;
  if (!a.date.empty()) {
    d = Date::parse_iso(a.date);
    if (!d) throw CLI::ValidationError("--date", "日期应为 YYYY-MM-DD 且真实存在");
  }
  if (a.year == 0) a.year = d ? d->year() : local_today().year();
  date = d ? *d : *Date::from_ymd(a.year, 1, 1);
}

Money parse_amount(const std::string& text) {
  auto m = Money::parse_yuan(text);
  if (!m || m->fen() <= 0)
    throw CLI::ValidationError("--amount", "金额应为正的元数，如 400000 或 1200.50");
  return *m;
}

// post and grant: the court, year and date resolved and the amount parsed before the database is
// reached, then `post(ledger, amount, date)` as a user who may post money (finance or admin).
template <class Post>
void post_money(Context& ctx, LedgerArgs& a, const Post& post) {
  Date date;
  resolve_court_year_date(ctx, a, date);
  Money amount = parse_amount(a.amount);
  auto sql = connect(ensure_database(ctx.settings).runtime_url);
  if (!authorised(*sql, a.user, {"finance", "admin"})) {
    ctx.exit_code = kPartial;
    return;
  }
  ledger::Ledger ledger(*sql, ledger_options(ctx.settings));
  ctx.exit_code = print_result(post(ledger, amount, date));
}

void add_post_command(CLI::App* ledger_cmd, Context& ctx, const std::shared_ptr<LedgerArgs>& a) {
  auto* post =
      ledger_cmd->add_subcommand("post", "登记救助资金拨入（财务 finance 或管理员 admin）");
  post->add_option("--user", a->user, "操作人（用户名）")->required()->check(input_text(200));
  post->add_option("--amount", a->amount, "金额（元）")->required()->check(input_text(40));
  post->add_option("--key", a->key, "预算文件文号（幂等键）")->required()->check(input_text(200));
  post->add_option("--court", a->court, "法院代字（默认 court.code）")->check(input_text(64));
  post->add_option("--year", a->year, "年度（默认：--date 的年度，否则今年）");
  post->add_option("--date", a->date, "业务日期 YYYY-MM-DD（默认该年 1 月 1 日）");
  post->callback([&ctx, a] {
    post_money(ctx, *a, [&a](ledger::Ledger& ledger, Money amount, Date date) {
      return ledger.post_appropriation({a->key, a->court, a->year, amount, date}, a->user);
    });
  });
}

void add_demo_appropriation_command(CLI::App* ledger_cmd, Context& ctx) {
  ledger_cmd
      ->add_subcommand("demo-appropriation",
                       "登记配置中的演示拨入（ledger.demo_appropriation 等；可重复执行）")
      ->callback([&ctx] {
        const Settings& s = ctx.settings;
        const std::string user = s.get("ledger.demo_user", "finance");
        const int year = s.get_int("ledger.demo_year", 2024);
        auto date = Date::parse_iso(s.get("ledger.demo_appropriation_date", "2024-01-02"));
        if (!date) throw std::runtime_error("ledger.demo_appropriation_date 应为 YYYY-MM-DD");
        Money amount = parse_amount(s.get("ledger.demo_appropriation", "400000"));
        auto sql = connect(ensure_database(s).runtime_url);
        // The demo's finance user is created when missing (never changes an existing user's role).
        add_user_if_missing(*sql, user, "finance");
        if (!authorised(*sql, user, {"finance", "admin"})) {
          ctx.exit_code = kPartial;
          return;
        }
        ledger::Ledger ledger(*sql, ledger_options(s));
        ctx.exit_code = print_result(
            ledger.post_appropriation({s.get("ledger.demo_appropriation_key", "易财行〔2024〕3号"),
                                       s.get("court.code", "冀0633"), year, amount, *date},
                                      user));
      });
}

void add_bank_file_command(CLI::App* ledger_cmd, Context& ctx,
                           const std::shared_ptr<LedgerArgs>& a) {
  auto* bank_file = ledger_cmd->add_subcommand(
      "bank-file",
      "写出一份银行确认文件，支付所有未支付、未冲正的凭证（演示与测试用，代替银行的文件）");
  bank_file->add_option("--year", a->year, "年度")->required();
  bank_file->add_option("--court", a->court, "法院代字（默认 court.code）");
  bank_file->add_option("--paid-on", a->date, "支付日期 YYYY-MM-DD")->required();
  bank_file->add_option("--out", a->out, "输出文件（默认写到标准输出）");
  bank_file->callback([&ctx, a] {
    if (a->court.empty()) a->court = ctx.settings.get("court.code", "冀0633");
    auto paid_on = Date::parse_iso(a->date);
    if (!paid_on) throw CLI::ValidationError("--paid-on", "日期应为 YYYY-MM-DD 且真实存在");
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    ledger::Ledger ledger(*sql, ledger_options(ctx.settings));
    std::string csv = ledger::bank_confirmation_csv_for_unpaid(
        ledger.posted_grants(a->court, a->year), *paid_on, "DEMO-");
    if (a->out.empty()) {
      std::cout << csv;
    } else {
      std::ofstream file(a->out, std::ios::binary);
      file << csv;
      if (!file) throw std::runtime_error("无法写入 " + a->out);
    }
  });
}

void add_grant_command(CLI::App* ledger_cmd, Context& ctx, const std::shared_ptr<LedgerArgs>& a) {
  auto* grant = ledger_cmd->add_subcommand("grant", "按救助决定登记发放（分配凭证号）");
  grant->add_option("--user", a->user, "操作人（用户名）")->required()->check(input_text(200));
  grant->add_option("--decision", a->decision, "司救执决定书案号（幂等键）")
      ->required()
      ->check(input_text(200));
  // Each of these defaults to the recorded panel decision's own value (its latest issued
  // document's SHA-256): the ledger checks what is given against the decision either way.
  grant->add_option("--applicant-id", a->applicant_id,
                    "申请人当事人编号（parties.id；默认为合议庭决定的申请人）");
  grant->add_option("--applicant", a->applicant, "申请人姓名（默认同上）")->check(input_text(200));
  grant->add_option("--amount", a->amount, "金额（元；默认为决定金额）")->check(input_text(40));
  grant
      ->add_option("--decision-sha256", a->decision_sha256,
                   "决定书 PDF 的 SHA-256（默认为最近签发的决定书）")
      ->check(input_text(64));
  grant->add_option("--date", a->date, "决定日期 YYYY-MM-DD（默认为决定日期）")
      ->check(input_text(10));
  grant->add_option("--court", a->court, "法院代字（默认 court.code）")->check(input_text(64));
  grant->add_option("--year", a->year, "年度（默认决定日期的年度）");
  grant->callback([&ctx, a] {
    if (a->applicant_id == 0 || a->applicant.empty() || a->amount.empty() ||
        a->decision_sha256.empty() || a->date.empty()) {
      auto number = CaseNumber::parse(a->decision);
      auto sql = connect(ensure_database(ctx.settings).runtime_url);
      LedgerStore store(*sql);
      auto d = number ? store.panel_decision(number->text()) : std::nullopt;
      if (!d) {
        std::cerr << "refused: no_decision: 没有记录合议庭决定 " << a->decision << "，不予发放\n";
        ctx.exit_code = kPartial;
        return;
      }
      if (!d->granted) {
        std::cerr << "refused: decision_mismatch: 合议庭决定 " << d->case_number
                  << " 为不予救助，不予发放\n";
        ctx.exit_code = kPartial;
        return;
      }
      if (a->applicant_id == 0) a->applicant_id = d->applicant_party_id;
      if (a->applicant.empty()) a->applicant = d->applicant_name;
      if (a->amount.empty()) a->amount = Money::from_fen(d->amount_fen).decimal();
      if (a->date.empty()) a->date = d->decided_on;
      if (a->decision_sha256.empty()) {
        auto sha = store.latest_decision_document(d->case_id);
        if (!sha) {
          std::cerr << "refused: no_decision_document: 合议庭决定 " << d->case_number
                    << " 尚未签发救助决定书，不予发放\n";
          ctx.exit_code = kPartial;
          return;
        }
        a->decision_sha256 = *sha;
      }
    }
    post_money(ctx, *a, [&a](ledger::Ledger& ledger, Money amount, Date date) {
      return ledger.post_grant({a->decision, a->court, a->year, a->applicant_id, a->applicant,
                                amount, a->decision_sha256, date},
                               a->user);
    });
  });
}

void add_confirm_command(CLI::App* ledger_cmd, Context& ctx, const std::shared_ptr<LedgerArgs>& a) {
  auto* confirm = ledger_cmd->add_subcommand(
      "confirm", "导入银行确认文件（voucher_number,paid_on,amount,bank_reference），登记支付");
  confirm->add_option("FILE", a->file, "银行确认文件（CSV）")->required();
  confirm
      ->add_option("--user", a->user,
                   "操作人（用户名，须为 finance 或 admin；默认 bank-confirmation）")
      ->check(input_text(200));
  confirm->callback([&ctx, a] {
    std::ifstream in(a->file, std::ios::binary);
    if (!in) throw std::runtime_error("无法读取文件 " + a->file);
    std::stringstream content;
    content << in.rdbuf();
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    std::string by = a->user.empty() ? std::string("bank-confirmation") : a->user;
    if (!a->user.empty() && !authorised(*sql, a->user, {"finance", "admin"})) {
      ctx.exit_code = kPartial;
      return;
    }
    ledger::Ledger ledger(*sql, ledger_options(ctx.settings));
    ledger::ConfirmationReport r =
        ledger::apply_bank_confirmations(ledger, *sql, content.str(), by);
    for (const auto& line : r.lines) std::cout << ledger::format_confirmation_line(line) << "\n";
    std::cout << ledger::format_confirmation_totals(r) << "\n";
    ctx.exit_code = r.all_good() ? kOk : kPartial;
  });
}

void add_verify_command(CLI::App* ledger_cmd, Context& ctx, const std::shared_ptr<LedgerArgs>& a) {
  auto* verify = ledger_cmd->add_subcommand(
      "verify", "核验台账：重算哈希链、每笔交易与每个科目余额，并核对锚点");
  verify->add_option(
      "--anchor", a->anchors,
      "台账外保存的链末端：序号:哈希，或含 # head: 行的报表、含 ledger_head 的运行摘要"
      "（可多次）");
  verify->callback([&ctx, a] {
    std::vector<ledger::Anchor> anchors = read_anchors(a->anchors);
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    ledger::VerifyResult r = ledger::verify_ledger(*sql, anchors);
    if (r.ok) {
      std::cout << "ledger verify: ok（分录 " << r.entries_checked << " 条，交易 "
                << r.transactions_checked << " 笔，锚点 " << r.anchors_checked << " 个，链末端 "
                << r.head_sequence << " " << r.head_hash << "）\n";
      ctx.exit_code = kOk;
    } else {
      std::cout << "ledger verify: " << r.summary() << "：" << r.problem << "\n";
      ctx.exit_code = kMismatch;
    }
  });
}

void add_report_subcommand(CLI::App* ledger_cmd, Context& ctx,
                           const std::shared_ptr<LedgerArgs>& a) {
  auto* report =
      ledger_cmd->add_subcommand("report", "台账报表：按申请人、按月份的发放、支付、扣回与余额");
  report->add_option("--year", a->year, "年度")->required();
  report->add_option("--court", a->court, "法院代字（默认 court.code）");
  report->add_option("--format", a->format, "csv（默认，写到标准输出）或 pdf")
      ->check(CLI::IsMember({"csv", "pdf"}));
  report->add_option("--out", a->out, "输出文件（pdf 默认为输出目录下的 ledger-<年度>.pdf）");
  report->callback([&ctx, a] {
    if (a->court.empty()) a->court = ctx.settings.get("court.code", "冀0633");
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    ledger::LedgerReport r = ledger::build_ledger_report(*sql, a->court, a->year);
    if (a->format == "csv") {
      std::string csv = ledger::ledger_report_csv(r);
      if (a->out.empty()) {
        std::cout << csv;
      } else {
        std::ofstream(a->out, std::ios::binary) << csv;
        std::cout << "台账报表：" << a->out << "\n"
                  << ledger::head_line(r.verification.head_sequence, r.verification.head_hash)
                  << "\n# verify: " << r.verification.summary() << "\n";
      }
    } else {
      fs::path out = a->out.empty() ? ctx.settings.path("paths.output", "out") /
                                          ("ledger-" + std::to_string(a->year) + ".pdf")
                                    : fs::path(a->out);
      if (out.has_parent_path()) fs::create_directories(out.parent_path());
      std::string pdf =
          documents::render_blocks_pdf(ledger::ledger_report_document(r), ctx.settings.data_root(),
                                       ctx.settings.get("documents.profile", "gbt9704"));
      std::ofstream file(out, std::ios::binary);
      file << pdf;
      if (!file) throw std::runtime_error("无法写入 " + out.string());
      std::cout << "台账报表：" << out.string() << "\n"
                << ledger::head_line(r.verification.head_sequence, r.verification.head_hash)
                << "\n# verify: " << r.verification.summary() << "\n";
    }
    ctx.exit_code = kOk;
  });
}

}  // namespace

void add_ledger_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<LedgerArgs>();
  auto* ledger_cmd =
      app.add_subcommand("ledger", "司法救助金台账：拨入、发放、银行确认、核验、报表");
  ledger_cmd->require_subcommand(1);
  add_post_command(ledger_cmd, ctx, a);
  add_demo_appropriation_command(ledger_cmd, ctx);
  add_bank_file_command(ledger_cmd, ctx, a);
  add_grant_command(ledger_cmd, ctx, a);
  add_confirm_command(ledger_cmd, ctx, a);
  add_verify_command(ledger_cmd, ctx, a);
  add_report_subcommand(ledger_cmd, ctx, a);
}

}  // namespace zhixing::app::cli
