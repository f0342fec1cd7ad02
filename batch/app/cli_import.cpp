// zhixing import FILE [--rejects FILE]
#include <fstream>
#include <iostream>

#include "app/commands.h"
#include "core/court_registry.h"
#include "importer/importer.h"
#include "store/database.h"

namespace zhixing::app::cli {

namespace {

struct ImportArgs {
  std::string file;
  std::string rejects;
};

void print_summary(const ImportReport& r) {
  std::cout << "导入完成（导入批次 #" << r.run_id << "）：共 " << r.lines << " 行，新增 "
            << r.inserted << " 件，更新 " << r.updated << " 件，未变 " << r.unchanged
            << " 件，拒绝 " << r.rejected << " 行；用时 " << static_cast<long>(r.seconds * 1000)
            << " 毫秒\n";
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = app.add_subcommand("import", "导入案件记录文件（zhixing.case/1，JSON Lines）");
  cmd->add_option("FILE", args->file, "案件记录文件")
      ->required()
      ->check(input_text_check(kFileNameMaxBytes));
  cmd->add_option("--rejects", args->rejects, "把被拒绝的行逐行写成 JSON 对象到此文件");
  cmd->callback([&ctx, args] {
    CourtRegistry courts = load_courts(ctx.settings);
    std::ofstream rejects;
    if (!args->rejects.empty()) {
      rejects.open(args->rejects, std::ios::trunc);
      if (!rejects) throw std::runtime_error("无法写入 " + args->rejects);
    }
    {
      std::ifstream probe(args->file, std::ios::binary);
      if (!probe) throw std::runtime_error("无法读取文件 " + args->file);
    }
    DatabaseTarget target = ensure_database(ctx.settings);
    auto sql = connect(target.runtime_url);
    ImportOptions options = import_options(ctx.settings);
    options.connection_url = target.runtime_url;
    Importer importer(*sql, courts, options);
    ImportReport report = importer.import_file(args->file, [&](const RejectedLine& r) {
      std::cerr << format_rejection(r) << "\n";
      if (rejects.is_open()) rejects << rejection_json(r) << "\n";
    });
    print_summary(report);
    ctx.exit_code = report.rejected > 0 ? kPartial : kOk;
  });
}

}  // namespace zhixing::app::cli
