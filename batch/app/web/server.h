// The console's HTTP server: Poco's HTTPServer on a bound address, each request turned into a
// web::Request, answered by the Console and written back.
#pragma once

#include <memory>
#include <string>

namespace Poco::Net {
class HTTPServer;
}

namespace zhixing::web {

class Console;

class WebServer {
 public:
  // port 0: an ephemeral port (tests); port() tells which.
  WebServer(Console& console, const std::string& bind_address, int port, int threads = 8);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  void start();
  void stop();
  int port() const { return port_; }

 private:
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace zhixing::web
