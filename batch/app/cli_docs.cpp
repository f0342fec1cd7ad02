// zhixing docs --kind KIND (--case NUMBER … | --filter EXPR) --out DIR [--reissue] [--user NAME]
#include <iostream>

#include "app/commands.h"
#include "app/document_selection.h"
#include "core/court_registry.h"
#include "documents/document_engine.h"
#include "jobs/document_batch.h"
#include "jobs/document_sealing.h"
#include "store/database.h"

namespace zhixing::app::cli {

namespace {

struct DocsArgs {
  std::string kind;
  std::vector<std::string> cases;
  std::string filter;
  std::string out;
  bool reissue = false;
  std::string user;
};

std::string kind_list() {
  std::string s;
  for (auto k : documents::all_kinds())
    s += (s.empty() ? "" : ", ") + std::string(documents::kind_name(k));
  return s;
}

}  // namespace

void add_docs_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DocsArgs>();
  auto* cmd = app.add_subcommand("docs", "为选定案件生成某一种文书（PDF），写入输出目录并登记");
  cmd->add_option("--kind", args->kind, "文书种类：" + kind_list())->required();
  auto* by_case = cmd->add_option("--case", args->cases, "案号（可重复）");
  auto* by_filter = cmd->add_option(
      "--filter", args->filter, "筛选条件 key=value，逗号分隔；键：court、year、category、status");
  by_case->excludes(by_filter);
  by_filter->excludes(by_case);
  cmd->add_option("--out", args->out, "输出目录（默认 paths.output）");
  cmd->add_flag("--reissue", args->reissue, "对已签发的文书签发新版本（与旧版本并存）");
  cmd->add_option("--user", args->user, "操作人（记录在文书登记中）")
      ->check(input_text_check(kUserNameMaxBytes));
  cmd->callback([&ctx, args] {
    auto kind = documents::parse_kind(args->kind);
    if (!kind)
      throw CLI::ValidationError("--kind",
                                 "未知的文书种类 " + args->kind + "；可用：" + kind_list());
    if (args->cases.empty() && args->filter.empty())
      throw CLI::ValidationError("--case/--filter",
                                 "请用 --case 指定案号或用 --filter 指定筛选条件");
    CourtRegistry courts = load_courts(ctx.settings);
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    jobs::DocumentRequest request;
    request.kind = *kind;
    request.case_numbers = args->cases;
    request.filter = args->filter;
    request.out_dir = args->out.empty() ? ctx.settings.path("paths.output", "out")
                                        : std::filesystem::path(args->out);
    request.reissue = args->reissue;
    request.issued_by = args->user.empty() ? "clerk" : args->user;
    validate_document_selection(*sql, args->filter, args->user);
    const auto sealing = jobs::DocumentSealing::open(ctx.settings);
    request.sealing = sealing.get();
    documents::DocumentEngine engine(ctx.settings.data_root().string(),
                                     ctx.settings.get("documents.profile", "gbt9704"),
                                     ctx.settings.get("documents.fonts", "fonts/manifest.json"));
    jobs::DocumentBatchReport report;
    try {
      report = jobs::run_document_batch(*sql, engine, courts, request);
    } catch (const seal::SealError& e) {
      // Refused before rendering: no token, no certificate, or the certificate expired.
      std::cerr << "错误：" << jobs::seal_error_text(e) << "\n";
      ctx.exit_code = kFatal;
      return;
    }
    for (const auto& o : report.outcomes) {
      std::string event =
          o.event_date ? " " + o.event_date->iso() + "#" + std::to_string(o.position) : "";
      switch (o.status) {
        case jobs::DocumentStatus::written:
          std::cout << "写入 " << o.path << "（" << o.size_bytes / 1024 << " KB）\n";
          break;
        case jobs::DocumentStatus::reused:
          std::cout << "沿用 " << o.path << "（已签发，内容相同）\n";
          break;
        case jobs::DocumentStatus::kept:
          std::cout << "保留 " << o.path << "：" << o.message << "\n";
          break;
        case jobs::DocumentStatus::failed:
          std::cerr << o.case_number << " " << o.kind << event << ": " << o.code << ": "
                    << o.message << "\n";
          break;
      }
    }
    std::cout << "文书批次完成：写入 " << report.written << " 份，沿用 " << report.reused
              << " 份，保留 " << report.kept << " 份，失败 " << report.failed << " 份；用时 "
              << static_cast<long>(report.seconds * 1000) << " 毫秒；输出目录 "
              << request.out_dir.string() << "\n";
    ctx.exit_code = report.failed > 0 ? kPartial : kOk;
  });
}

}  // namespace zhixing::app::cli
