// zhixing templates check | templates list
#include <iostream>

#include "app/commands.h"
#include "documents/kinds/document_kind.h"
#include "documents/kinds/document_renderer.h"
#include "documents/templates/template_check.h"

namespace zhixing::app::cli {

void add_templates_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "templates", "文书模板：check 检查全部模板（未知变量、标记错误），list 列出模板及版本");
  cmd->require_subcommand(1);
  cmd->add_subcommand("check", "检查 templates/ 下的每个模板，报告文件与行号")->callback([&ctx] {
    auto problems = documents::check_templates(ctx.settings.data_root().string());
    for (const auto& p : problems) std::cerr << p.str() << "\n";
    if (problems.empty()) {
      std::cout << "全部模板检查通过。\n";
    } else {
      std::cout << "模板检查发现 " << problems.size() << " 处问题。\n";
      ctx.exit_code = kPartial;
    }
  });
  cmd->add_subcommand("list", "列出文书种类与模板版本（内容 SHA-256 前 16 位）")->callback([&ctx] {
    documents::DocumentRenderer renderer(ctx.settings.data_root().string());
    for (auto kind : documents::all_kinds()) {
      std::string name(documents::kind_name(kind));
      std::cout << name;
      for (const char* tmpl :
           {name.c_str(),
            kind == documents::DocumentKind::relief_decision ? "relief-rejection" : nullptr}) {
        if (!tmpl) continue;
        try {
          std::cout << "\t" << tmpl << ".mustache "
                    << renderer.templates().get(tmpl).version.substr(0, 16);
        } catch (const std::exception& e) {
          std::cout << "\t" << tmpl << ".mustache 无法读取";
        }
      }
      std::cout << "\n";
    }
  });
}

}  // namespace zhixing::app::cli
