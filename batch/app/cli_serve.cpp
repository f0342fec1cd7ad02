// zhixing serve [--bind ADDR] [--port N]: the web console for clerks and finance (app/web).
#include <chrono>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/web/console.h"
#include "app/web/server.h"
#include "jobs/stop_signal.h"

namespace zhixing::cli {

void add_serve_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::string bind;
    int port = -1;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("serve", "网页控制台（书记员、财务、审计）：默认 http://127.0.0.1:8080/");
  cmd->add_option("--bind", args->bind, "监听地址（默认 web.bind_address）");
  cmd->add_option("--port", args->port, "端口（默认 web.port；0 为任选空闲端口）")
      ->check(CLI::Range(0, 65535));
  cmd->callback([&ctx, args] {
    web::Console console(ctx.settings);
    std::string bind = args->bind.empty() ? console.web_settings().bind_address : args->bind;
    int port = args->port >= 0 ? args->port : console.web_settings().port;
    web::WebServer server(console, bind, port);
    server.start();
    std::cout << "网页控制台已启动：http://" << bind << ":" << server.port() << "/（Ctrl-C 停止）"
              << std::endl;
    // SIGINT/SIGTERM: stop taking requests; running batches stop after the items in hand.
    jobs::install_stop_handlers();
    while (!jobs::stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::cout << "正在停止……" << std::endl;
    server.stop();
  });
}

}  // namespace zhixing::cli
