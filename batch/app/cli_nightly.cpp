// zhixing nightly --date YYYY-MM-DD: the nightly batch for one business date.
// Steps: import the files waiting in the inbox; judicial relief (assess, then open a 司救执
// case for each new panel decision); render the documents due; the ledger joins later.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "app/relief_summary.h"
#include "core/court_registry.h"
#include "core/date.h"
#include "documents/document_engine.h"
#include "importer/importer.h"
#include "jobs/document_batch.h"
#include "store/database.h"

namespace zhixing::cli {

namespace fs = std::filesystem;

void add_nightly_command(CLI::App& app, Context& ctx) {
  auto date = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("nightly", "运行某一业务日期的夜间批处理（导入收件箱中的案件文件，评估司法救助，生成到期文书）");
  cmd->add_option("--date", *date, "业务日期 YYYY-MM-DD")
      ->required()
      ->check([](const std::string& v) {
        return Date::parse_iso(v) ? std::string() : std::string("日期应为 YYYY-MM-DD 且真实存在");
      });
  cmd->callback([&ctx, date] {
    fs::path inbox = ctx.settings.path("paths.inbox", "var/inbox");
    fs::path out = ctx.settings.path("paths.output", "out");
    fs::create_directories(inbox);
    fs::create_directories(out / "runs");
    CourtRegistry courts = load_courts(ctx.settings);
    auto sql = connect(ensure_database(ctx.settings).runtime_url);

    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(inbox))
      if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
    std::sort(files.begin(), files.end());

    std::ostringstream summary;
    summary << "夜间批处理 业务日期 " << *date << "\n";
    int64_t rejected = 0;
    ImportOptions options;
    options.batch_size = static_cast<size_t>(ctx.settings.get_int("import.batch_size", 2000));
    options.skip_completed_files = true;
    Importer importer(*sql, courts, options);
    fs::path rejects_path = out / "runs" / ("nightly-" + *date + "-rejects.txt");
    std::ofstream rejects;
    for (const auto& f : files) {
      ImportReport r = importer.import_file(f.string(), [&](const RejectedLine& line) {
        if (!rejects.is_open()) rejects.open(rejects_path, std::ios::app);
        rejects << f.filename().string() << " " << format_rejection(line) << "\n";
      });
      if (r.skipped_file) {
        summary << "  导入 " << f.filename().string() << "：此前已完整导入，跳过\n";
        continue;
      }
      summary << "  导入 " << f.filename().string() << "：共 " << r.lines << " 行，新增 " << r.inserted
              << " 件，更新 " << r.updated << " 件，未变 " << r.unchanged << " 件，拒绝 " << r.rejected
              << " 行（" << static_cast<long>(r.seconds * 1000) << " 毫秒）\n";
      rejected += r.rejected;
    }
    if (files.empty()) summary << "  收件箱 " << inbox.string() << " 中没有待导入的文件\n";
    // Judicial relief: after the import (its facts), before the documents (its decisions).
    {
      ReliefRunOptions relief_options;
      relief_options.business_date = *Date::parse_iso(*date);
      ReliefRunReport relief_run =
          run_relief_assessment(*sql, load_relief_policy(ctx.settings), relief_options);
      print_relief_run(summary, relief_run);
      print_numbering(summary, number_relief_decisions(*sql));
    }
    // Documents due by the business date whose document does not exist yet, every kind.
    documents::DocumentEngine engine(ctx.settings.root().string(),
                                     ctx.settings.get("documents.profile", "gbt9704"),
                                     ctx.settings.get("documents.fonts", "fonts/manifest.json"));
    int written = 0, failed = 0;
    fs::path failures_path = out / "runs" / ("nightly-" + *date + "-document-failures.txt");
    std::ofstream failures;
    for (auto kind : documents::all_kinds()) {
      DocumentRequest request;
      request.kind = kind;
      request.all_cases = true;
      request.out_dir = out / "documents";
      request.due_by = Date::parse_iso(*date);
      request.only_missing = true;
      request.issued_by = "nightly";
      DocumentBatchReport r = run_document_batch(*sql, engine, courts, request);
      if (r.written + r.failed + r.already_issued > 0)
        summary << "  文书 " << documents::kind_name(kind) << "：新写入 " << r.written << " 份，已有 "
                << r.already_issued << " 份，失败 " << r.failed << " 份（"
                << static_cast<long>(r.seconds * 1000) << " 毫秒）\n";
      for (const auto& o : r.outcomes)
        if (o.status == DocumentStatus::failed) {
          if (!failures.is_open()) failures.open(failures_path, std::ios::app);
          failures << o.case_number << " " << o.kind << " " << (o.event_date ? o.event_date->iso() : "")
                   << ": " << o.code << ": " << o.message << "\n";
        }
      written += r.written;
      failed += r.failed;
    }
    summary << "  文书目录 " << (out / "documents").string() << "\n";
    if (failed > 0) summary << "  失败的文书见 " << failures_path.string() << "\n";
    long long cases = 0;
    *sql << "select count(*) from cases", soci::into(cases);
    summary << "  数据库中共有案件 " << cases << " 件\n";
    if (rejected > 0) summary << "  被拒绝的行见 " << rejects_path.string() << "\n";
    fs::path summary_path = out / "runs" / ("nightly-" + *date + ".txt");
    std::ofstream(summary_path) << summary.str();
    std::cout << summary.str() << "输出目录：" << out.string() << "\n运行摘要：" << summary_path.string()
              << "\n";
    ctx.exit_code = rejected > 0 || failed > 0 ? kPartial : kOk;
    (void)written;
  });
}

}  // namespace zhixing::cli
