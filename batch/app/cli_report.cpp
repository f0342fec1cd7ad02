// zhixing report annual|zhongben: the court leadership reports.
//   annual   --year Y [--court C] [--scope 执,执恢] [--format text|csv|pdf] [--out FILE]
//   zhongben [--court C] [--as-of DATE] [--sort outstanding|closed|case] [--format …] [--out FILE]
// Text goes to standard output unless --out is given; a PDF without --out is written to the
// output folder (paths.output) as annual-<court>-<year>.pdf / zhongben-<court>-<date>.pdf.
// Exit codes: 0 written, 2 usage (the error code and a Chinese message on stderr, e.g.
// "unknown_court --court: 未知法院代码 冀9999"), 1 fatal (database, fonts, file).
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/commands.h"
#include "core/court_registry.h"
#include "core/date.h"
#include "documents/blocks_pdf.h"
#include "reports/annual_figures.h"
#include "reports/annual_report.h"
#include "reports/zhongben_register.h"
#include "reports/zhongben_report.h"
#include "store/database.h"
#include "store/report_store.h"

namespace zhixing::app::cli {

namespace {

namespace fs = std::filesystem;

struct ReportArgs {
  std::string court;
  int year = 0;
  std::string scope = "执,执恢";
  std::string as_of;
  std::string sort = "outstanding";
  std::string format = "text";
  std::string out;
};

// A usage error: "code --option: 中文说明" on stderr, exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Court known_court(const Context& ctx, std::string& code) {
  if (code.empty()) code = ctx.settings.get("court.code", "冀0633");
  const CourtRegistry courts = load_courts(ctx.settings);
  const Court* court = courts.find(code);
  if (court == nullptr) throw UsageError("unknown_court --court: 未知法院代码 " + code);
  return *court;
}

// Writes `content` to --out, to standard output (text/csv without --out) or, for a PDF without
// --out, to the output folder under `default_name`.
void emit(const Context& ctx, const ReportArgs& a, const std::string& content,
          const std::string& default_name, const std::string& what) {
  if (a.format != "pdf" && a.out.empty()) {
    std::cout << content;
    return;
  }
  fs::path out =
      a.out.empty() ? ctx.settings.path("paths.output", "out") / default_name : fs::path(a.out);
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  std::ofstream file(out, std::ios::binary);
  file << content;
  file.close();
  if (!file) throw std::runtime_error("无法写入 " + out.string());
  std::cout << what << "：" << out.string() << "\n";
}

// The report in --format: its text, its CSV, or its blocks through the document engine. Only the
// chosen one is built; `name` is the default file name without extension.
void emit_report(const Context& ctx, const ReportArgs& a, const std::string& name,
                 const std::string& what, const std::function<std::string()>& text,
                 const std::function<std::string()>& csv,
                 const std::function<layout::Document()>& blocks) {
  if (a.format == "text") {
    emit(ctx, a, text(), name + ".txt", what);
  } else if (a.format == "csv") {
    emit(ctx, a, csv(), name + ".csv", what);
  } else {
    emit(ctx, a,
         documents::render_blocks_pdf(blocks(), ctx.settings.data_root(),
                                      ctx.settings.get("documents.profile", "gbt9704")),
         name + ".pdf", what);
  }
}

void run_guarded(Context& ctx, const std::function<void()>& body) {
  try {
    body();
    ctx.exit_code = kOk;
  } catch (const UsageError& e) {
    std::cerr << e.what() << "\n";
    ctx.exit_code = kUsage;
  }
}

}  // namespace

void add_report_command(CLI::App& app, Context& ctx) {
  auto* report = app.add_subcommand("report", "法院领导报表：年度执行工作统计、终本案件台账");
  report->require_subcommand(1);
  auto a = std::make_shared<ReportArgs>();

  auto* annual = report->add_subcommand(
      "annual", "年度执行工作统计：收结案、法定期限内结案率、执行到位率、执行完毕率、终本率等");
  annual->add_option("--year", a->year, "年度")->required();
  annual->add_option("--court", a->court, "法院代字（默认 court.code）");
  annual->add_option("--scope", a->scope,
                     "统计范围：计入的案件类型代字，逗号分隔（默认 执,执恢：首次执行与恢复执行）");
  annual->add_option("--format", a->format, "text（默认，写到标准输出）、csv 或 pdf")
      ->check(CLI::IsMember({"text", "csv", "pdf"}));
  annual->add_option("--out", a->out,
                     "输出文件（pdf 默认为输出目录下的 annual-<法院>-<年度>.pdf）");
  annual->callback([&ctx, a] {
    run_guarded(ctx, [&] {
      const Court court = known_court(ctx, a->court);
      if (a->year < 1990 || a->year > 2999)
        throw UsageError("bad_year --year: 年度应为四位数字，如 2024");
      reports::AnnualQuery query;
      query.court_code = court.code;
      query.court_name = court.name;
      query.year = a->year;
      try {
        query.scope = reports::parse_scope(a->scope);
      } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("bad_scope --scope: 未知的案件类型代字 ") + e.what() +
                         "（如 执,执恢）");
      }
      auto sql = connect(ensure_database(ctx.settings).runtime_url);
      const std::vector<CaseRecord> cases = load_cases_pending_in_year(*sql, court.code, a->year);
      const GrantedRelief granted = load_granted_relief(*sql, court.code, a->year);
      reports::ReliefTotals relief{granted.decisions, granted.persons, granted.amount_fen};
      const reports::AnnualFigures figures = reports::compute_annual_figures(cases, query, relief);
      const std::string name = "annual-" + court.code + "-" + std::to_string(a->year);
      emit_report(
          ctx, *a, name, "年度执行工作统计", [&] { return reports::annual_report_text(figures); },
          [&] { return reports::annual_report_csv(figures); },
          [&] { return reports::annual_report_document(figures); });
    });
  });

  auto* zhongben = report->add_subcommand(
      "zhongben",
      "终本案件台账：未履行金额、执行措施、终本后月数、下次财产复查、逾期与恢复执行提示");
  zhongben->add_option("--court", a->court, "法院代字（默认 court.code）");
  zhongben->add_option("--as-of", a->as_of, "截至日期 YYYY-MM-DD（默认今天）");
  zhongben
      ->add_option(
          "--sort", a->sort,
          "排序：outstanding（默认，未履行金额从高到低）、closed（终本日期）、case（案号）")
      ->check(CLI::IsMember({"outstanding", "closed", "case"}));
  zhongben->add_option("--format", a->format, "text（默认，写到标准输出）、csv 或 pdf")
      ->check(CLI::IsMember({"text", "csv", "pdf"}));
  zhongben->add_option("--out", a->out,
                       "输出文件（pdf 默认为输出目录下的 zhongben-<法院>-<日期>.pdf）");
  zhongben->callback([&ctx, a] {
    run_guarded(ctx, [&] {
      const Court court = known_court(ctx, a->court);
      reports::RegisterQuery query;
      query.court_code = court.code;
      if (a->as_of.empty()) {
        query.as_of = local_today();
      } else {
        auto d = Date::parse_iso(a->as_of);
        if (!d) throw UsageError("bad_date --as-of: 日期应为 YYYY-MM-DD 且真实存在：" + a->as_of);
        query.as_of = *d;
      }
      query.sort = a->sort == "closed" ? reports::RegisterSort::closed_on
                   : a->sort == "case" ? reports::RegisterSort::case_number
                                       : reports::RegisterSort::outstanding;
      auto sql = connect(ensure_database(ctx.settings).runtime_url);
      const std::vector<CaseRecord> cases =
          load_zhongben_cases(*sql, court.code, query.as_of.iso());
      reports::ZhongbenRegister reg = reports::build_zhongben_register(cases, query);
      reg.court_name = court.name;
      const std::string name = "zhongben-" + court.code + "-" + query.as_of.iso();
      emit_report(
          ctx, *a, name, "终本案件台账", [&] { return reports::zhongben_register_text(reg); },
          [&] { return reports::zhongben_register_csv(reg); },
          [&] { return reports::zhongben_register_document(reg); });
    });
  });
}

}  // namespace zhixing::app::cli
