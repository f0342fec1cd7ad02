// zhixing seal init [--valid-from DATE] | seal status | seal rotate [--valid-from DATE]: the
// court's electronic seal in its PKCS#11 token (seal/seal_init.h, seal/seal_store.h). The PIN
// comes from seal.pin_file or $ZHIXING_SEAL_PIN only: no command takes it as a flag.
#include <functional>
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "core/date.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_error.h"
#include "seal/seal_init.h"
#include "seal/seal_settings.h"
#include "seal/seal_store.h"

namespace zhixing::app::cli {

namespace {

// Runs a seal command; a SealError prints as "错误：<code>：<message>" and exits 1.
void run_seal(Context& ctx, const std::function<void(const seal::SealSettings&)>& body) {
  try {
    body(seal::SealSettings::from(ctx.settings));
  } catch (const seal::SealError& e) {
    std::cerr << "错误：" << e.name() << "：" << e.what() << "\n";
    ctx.exit_code = kFatal;
  }
}

std::optional<Date> valid_from_flag(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto date = Date::parse_iso(text);
  if (!date) throw CLI::ValidationError("--valid-from", "日期应为 YYYY-MM-DD：" + text);
  return date;
}

void print_setup(const seal::SealSetup& setup, const char* unchanged) {
  for (const std::string& step : setup.steps) std::cout << "  " << step << "\n";
  std::cout << "当前印章证书 SHA-256 指纹：" << setup.certificate.fingerprint << "\n";
  if (!setup.changed) std::cout << unchanged << "\n";
}

void print_status(const seal::SealSettings& s) {
  auto token = seal::Pkcs11Token::open(s);
  std::cout << token->description() << "\n";
  auto key = token->public_key(s.key_label);
  if (!key)
    throw seal::SealError(seal::SealErrorCode::token_unavailable,
                          "令牌中没有印章密钥 “" + s.key_label + "”：请运行 zhixing seal init");
  std::cout << "印章密钥：" << s.key_label << "（RSA " << key->bits() << " 位，在令牌中）\n";
  seal::CertificateInfo c = seal::current_seal_certificate(*token, s);
  std::vector<std::string> chain = seal::seal_chain(*token, c, s);
  seal::SealStore store(s.dir);
  Date today = local_today();
  std::cout << "当前证书：\n"
            << "  主体：" << c.subject << "\n"
            << "  签发者：" << c.issuer << "\n"
            << "  序列号：" << c.serial_hex << "\n"
            << "  有效期：" << c.not_before.iso() << " 至 " << c.not_after.iso() << "\n"
            << "  SHA-256 指纹：" << c.fingerprint << "\n"
            << "  根证书 SHA-256 指纹：" << seal::parse_certificate(chain.back()).fingerprint
            << "\n";
  std::cout << "今日（" << today.iso() << "）："
            << (c.valid_on(today)      ? "有效"
                : today < c.not_before ? "尚未生效"
                                       : "已过期（请运行 zhixing seal rotate）")
            << "\n";
  std::cout << "已保存证书：" << store.certificates().size() << " 份印章证书（"
            << (s.dir / "certs").string() << "），" << store.roots().size() << " 份根证书（"
            << (s.dir / "roots").string() << "）\n";
}

}  // namespace

void add_seal_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("seal",
                                 "电子印章：init 在令牌中生成密钥并签发证书，status "
                                 "显示令牌、密钥与证书，rotate 更换印章密钥");
  cmd->require_subcommand(1);
  auto valid_from = std::make_shared<std::string>();
  auto* init = cmd->add_subcommand(
      "init", "生成根密钥与印章密钥（RSA 3072，在令牌中）、根证书与印章证书；可重复运行");
  init->add_option(
      "--valid-from", *valid_from,
      "证书生效日期 YYYY-MM-DD（默认 jobs.first_business_date，否则演示年度 1 月 1 日）");
  init->callback([&ctx, valid_from] {
    auto from = valid_from_flag(*valid_from);
    run_seal(ctx, [&](const seal::SealSettings& s) {
      auto token = seal::Pkcs11Token::open(s);
      std::cout << token->description() << "\n";
      seal::SealSetup setup = seal::init_seal(*token, s, seal::seal_plan(ctx.settings, from));
      print_setup(setup, "电子印章已初始化，本次无任何变化。");
    });
  });
  cmd->add_subcommand("status", "显示 PKCS#11 模块、令牌、印章密钥、当前证书及其有效期与指纹")
      ->callback([&ctx] { run_seal(ctx, print_status); });
  auto* rotate = cmd->add_subcommand(
      "rotate", "生成新的印章密钥与证书；原密钥改标签保留，原证书继续保存以便核验旧文书");
  rotate->add_option("--valid-from", *valid_from, "新证书生效日期 YYYY-MM-DD（默认同 init）");
  rotate->callback([&ctx, valid_from] {
    auto from = valid_from_flag(*valid_from);
    run_seal(ctx, [&](const seal::SealSettings& s) {
      auto token = seal::Pkcs11Token::open(s);
      seal::SealSetup setup = seal::rotate_seal(*token, s, seal::seal_plan(ctx.settings, from));
      print_setup(setup, "");
    });
  });
}

}  // namespace zhixing::app::cli
