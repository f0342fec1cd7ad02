// zhixing serve [--bind ADDR] [--port N] [--tls-cert F --tls-key F]: the web console for clerks
// and finance (app/web).
#include <chrono>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/web/console.h"
#include "app/web/server.h"
#include "jobs/stop_signal.h"

namespace zhixing::app::cli {

namespace {

bool loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

}  // namespace

void add_serve_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::string bind;
    int port = -1;
    std::string tls_cert, tls_key;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("serve", "网页控制台（书记员、财务、审计）：默认 http://127.0.0.1:8080/");
  cmd->add_option("--bind", args->bind, "监听地址（默认 web.bind_address）");
  cmd->add_option("--port", args->port, "端口（默认 web.port；0 为任选空闲端口）")
      ->check(CLI::Range(0, 65535));
  auto* cert = cmd->add_option("--tls-cert", args->tls_cert,
                               "HTTPS：服务器证书（PEM，可含中间证书）；须与 --tls-key 同用")
                   ->check(CLI::ExistingFile);
  auto* key = cmd->add_option("--tls-key", args->tls_key, "HTTPS：证书的私钥（PEM，不加密码）")
                  ->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  cmd->callback([&ctx, args] {
    web::Console console(ctx.settings);
    std::string bind = args->bind.empty() ? console.web_settings().bind_address : args->bind;
    int port = args->port >= 0 ? args->port : console.web_settings().port;
    web::ServerOptions options = web::ServerOptions::from(console.web_settings());
    options.tls_certificate_file = args->tls_cert;
    options.tls_key_file = args->tls_key;
    web::WebServer server(console, bind, port, options);
    server.start();
    const std::string scheme = server.tls() ? "https" : "http";
    if (!server.tls() && !loopback(bind))
      std::cerr << "警告：在 " << bind
                << " 上以明文 HTTP 提供服务，密码与会话可被同一网络中的人截获；"
                   "请用 --tls-cert/--tls-key 启用 HTTPS，或只监听 127.0.0.1 并由反向代理提供 "
                   "HTTPS (plain_http)\n";
    std::cout << "网页控制台已启动：" << scheme << "://" << bind << ":" << server.port()
              << "/（Ctrl-C 停止）" << std::endl;
    // SIGINT/SIGTERM: stop taking requests; running batches stop after the items in hand.
    jobs::install_stop_handlers();
    while (!jobs::stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::cout << "正在停止……" << std::endl;
    server.stop();
  });
}

}  // namespace zhixing::app::cli
