// zhixing demo-data [--cases N] [--seed S] [--out FILE]
#include <fstream>
#include <iostream>

#include "app/commands.h"
#include "demo/demo_generator.h"

namespace zhixing::app::cli {

void add_demo_data_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<DemoOptions>();
  auto out = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "demo-data", "生成合成演示数据（仿易县人民法院 2024 年执行案件，zhixing.case/1 格式）");
  cmd->add_option("--cases", options->cases, "案件数（默认 2083）")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  cmd->add_option("--seed", options->seed, "随机种子（同一种子生成相同数据）");
  cmd->add_option("--out", *out, "输出文件（默认标准输出）");
  cmd->callback([&ctx, options, out] {
    (void)ctx;
    DemoFigures figures;
    if (out->empty()) {
      std::ios::sync_with_stdio(false);
      write_demo_data(std::cout, *options, &figures);
      return;
    }
    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("无法写入 " + *out);
    write_demo_data(file, *options, &figures);
    file.close();
    if (!file) throw std::runtime_error("写入 " + *out + " 失败");
    std::cout << "已生成 " << options->cases << " 件演示案件：" << *out << "\n";
  });
}

}  // namespace zhixing::app::cli
