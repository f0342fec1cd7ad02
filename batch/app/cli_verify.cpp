// zhixing verify FILE.pdf…: is each file a document the court issued, sealed and unchanged?
// Exit 0 when every file is genuine, 4 when any is not (naming why), 1 when it cannot check.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "seal/seal_settings.h"
#include "seal/verification.h"
#include "store/database.h"

namespace zhixing::app::cli {

namespace {

inline constexpr int kNotGenuine = 4;

void print_verdict(const std::string& file, const seal::Verdict& v) {
  std::cout << file << "：";
  if (v.genuine) {
    const auto& d = *v.issued;
    std::cout << "真实有效 (genuine)\n  案号 " << d.case_number << "\n  文书 " << d.kind_title
              << (d.version > 1 ? "（第 " + std::to_string(d.version) + " 版）" : "") << "\n  日期 "
              << d.document_date << "\n  印章证书 " << v.signature.signer_fingerprint.substr(0, 16)
              << "…\n";
  } else {
    std::cout << "不能确认为本院签发 — " << v.code << "：" << v.message;
    if (!v.signature.detail.empty()) std::cout << "（" << v.signature.detail << "）";
    std::cout << "\n";
  }
}

}  // namespace

void add_verify_command(CLI::App& app, Context& ctx) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd =
      app.add_subcommand("verify",
                         "核验 PDF 文书：电子印章签名、证书链与有效期、是否本院签发（退出码 0 "
                         "全部真实，4 有不真实的，1 无法核验）");
  cmd->add_option("FILE", *files, "PDF 文件")->required();
  cmd->callback([&ctx, files] {
    const seal::SealSettings settings = seal::SealSettings::from(ctx.settings);
    std::vector<std::string> roots;
    std::unique_ptr<soci::session> sql;
    try {
      roots = seal::trusted_roots(settings);
      if (roots.empty()) {
        std::cerr << "no_root：没有本院根证书（" << (settings.dir / "roots").string()
                  << "），请先运行 zhixing seal init\n";
        ctx.exit_code = kFatal;
        return;
      }
      sql = connect(ensure_database(ctx.settings).runtime_url);
    } catch (const std::exception& e) {
      std::cerr << "无法核验：" << e.what() << "\n";
      ctx.exit_code = kFatal;
      return;
    }
    int status = kOk;
    for (const std::string& file : *files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        std::cerr << file << "：unreadable：无法读取文件\n";
        status = kFatal;
        continue;
      }
      std::ostringstream bytes;
      bytes << in.rdbuf();
      try {
        const seal::Verdict v = seal::verify_document(*sql, bytes.str(), roots);
        print_verdict(file, v);
        if (!v.genuine && status == kOk) status = kNotGenuine;
      } catch (const std::exception& e) {
        std::cerr << file << "：无法核验：" << e.what() << "\n";
        status = kFatal;
      }
    }
    ctx.exit_code = status;
  });
}

}  // namespace zhixing::app::cli
