// The console's HTTP(S) server: a Poco TCPServer whose connections each run Poco's
// HTTPServerConnection on a thread of their own, each request turned into a web::Request,
// answered by the Console and written back.
//
// Holding under abuse: every connection has a thread as soon as it is accepted
// (a thread-per-connection server whose threads are all waiting on slow clients answers no one),
// so the server takes at most `max_connections` at once and `max_connections_per_address` from
// one address; one more is answered `503 server_busy` and closed. A request's headers (counted
// from the connection's start or the previous answer) and then its body must each arrive within
// `read_timeout_seconds`, however slowly they trickle in — a watchdog closes a connection that
// is late; an idle keep-alive connection closes after `idle_timeout_seconds`. Bodies are bounded
// however they are framed (Content-Length or chunked): `max_body_bytes` with a session,
// `max_login_body_bytes` without one (the login form), else `413 too_large`.
#pragma once

#include <memory>
#include <string>

namespace zhixing::app::web {

class Console;
struct WebSettings;

struct ServerOptions {
  int max_connections = 64;
  int max_connections_per_address = 32;
  int read_timeout_seconds = 15;
  int idle_timeout_seconds = 5;
  // Both set: HTTPS only (PEM files); session cookies are then `Secure`.
  std::string tls_certificate_file, tls_key_file;

  static ServerOptions from(const WebSettings& settings);
};

class WebServer {
 public:
  // port 0: an ephemeral port (tests); port() tells which. Throws when the address cannot be
  // bound or the TLS files cannot be read.
  WebServer(Console& console, const std::string& bind_address, int port,
            const ServerOptions& options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  void start();
  void stop();
  int port() const { return port_; }
  bool tls() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace zhixing::app::web
