#include "app/web/server.h"

#include <sys/socket.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <streambuf>
#include <thread>

#include "app/web/console.h"
#include "app/web/http.h"
#include "core/input_text.h"

namespace zhixing::app::web {

ServerOptions ServerOptions::from(const WebSettings& s) {
  ServerOptions o;
  o.max_connections = s.max_connections;
  o.max_connections_per_address = s.max_connections_per_address;
  o.read_timeout_seconds = s.read_timeout_seconds;
  o.idle_timeout_seconds = s.idle_timeout_seconds;
  return o;
}

namespace {

using Clock = std::chrono::steady_clock;

// Threads beyond max_connections: enough to tell a few more clients `503 server_busy` at once.
constexpr int kSpareThreads = 4;

const HttpError kTooLarge(413, "too_large", "请求过大");

// ---------------------------------------------------------------- connections and the watchdog

enum class Phase : int {
  waiting,   // for a request's headers (from the connection's start or the previous answer)
  body,      // reading a request's body
  handling,  // answering: no read deadline
};

struct Connection {
  Poco::Net::StreamSocket socket;  // keeps the descriptor open while the watchdog may see it
  std::string address;
  std::atomic<Phase> phase{Phase::waiting};
  std::atomic<Clock::rep> since{Clock::now().time_since_epoch().count()};
  bool closed = false;  // by the watchdog (guarded by Connections::mutex_)
};

// The connection the current thread serves (each connection has its own thread for its life).
thread_local Connection* current_connection = nullptr;

void enter(Phase phase) {
  if (current_connection == nullptr) return;
  current_connection->since.store(Clock::now().time_since_epoch().count());
  current_connection->phase.store(phase);
}

class Connections {
 public:
  Connections(int max_total, int max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}

  // Null when the server or this address already has as many connections as allowed.
  std::shared_ptr<Connection> admit(const Poco::Net::StreamSocket& socket,
                                    const std::string& address) {
    std::lock_guard<std::mutex> lock(mutex_);
    int& from_address = per_address_[address];
    if (static_cast<int>(open_.size()) >= max_total_ || from_address >= max_per_address_) {
      if (from_address == 0) per_address_.erase(address);
      return nullptr;
    }
    auto c = std::make_shared<Connection>();
    c->socket = socket;
    c->address = address;
    ++from_address;
    open_.insert(c);
    return c;
  }

  void release(const std::shared_ptr<Connection>& c) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (open_.erase(c) == 0) return;
    if (--per_address_[c->address] <= 0) per_address_.erase(c->address);
  }

  // Closes each connection whose request headers or body are later than `limit`.
  void close_late(Clock::time_point now, std::chrono::seconds limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& c : open_) {
      Phase phase = c->phase.load();
      if (c->closed || phase == Phase::handling) continue;
      Clock::time_point since{Clock::duration(c->since.load())};
      if (now - since > limit) close(*c);
    }
  }

  void close_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& c : open_)
      if (!c->closed) close(*c);
  }

 private:
  // shutdown(2) on the descriptor, not the socket object: safe while another thread is blocked
  // in a read on it (also under TLS, whose SSL object is not shared between threads).
  static void close(Connection& c) {
    c.closed = true;
    ::shutdown(c.socket.impl()->sockfd(), SHUT_RDWR);
  }

  const int max_total_, max_per_address_;
  std::mutex mutex_;
  std::set<std::shared_ptr<Connection>> open_;
  std::map<std::string, int> per_address_;
};

// ---------------------------------------------------------------- request bodies

// A request body read through a bound: at most `limit` bytes pass, then exceeded() is true and
// the stream ends. Nothing larger than the bound is ever held, however the body is framed.
class BoundedBody : public std::streambuf {
 public:
  BoundedBody(std::istream& in, long long limit) : in_(in), limit_(limit) {}
  bool exceeded() const { return exceeded_; }
  bool ended() const { return ended_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (exceeded_ || ended_) return traits_type::eof();
    in_.read(buffer_, sizeof buffer_);
    std::streamsize n = in_.gcount();
    if (n <= 0) {
      ended_ = true;
      return traits_type::eof();
    }
    consumed_ += n;
    if (consumed_ > limit_) {
      exceeded_ = true;
      return traits_type::eof();
    }
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::istream& in_;
  long long limit_;
  long long consumed_ = 0;
  bool exceeded_ = false, ended_ = false;
  char buffer_[8192];
};

// Keeps the first file part of a multipart form.
class UploadHandler : public Poco::Net::PartHandler {
 public:
  explicit UploadHandler(Request& request) : request_(request) {}
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition, name;
    Poco::Net::NameValueCollection params;
    if (header.has("Content-Disposition")) {
      Poco::Net::MessageHeader::splitParameters(header["Content-Disposition"], disposition, params);
      name = params.get("filename", "");
    }
    std::string content;
    Poco::StreamCopier::copyToString(stream, content);  // bounded by the request's BoundedBody
    if (request_.upload_content.empty()) {
      request_.upload_name = name;
      request_.upload_content = std::move(content);
    }
  }

 private:
  Request& request_;
};

// A JSON text's escaped NUL (\u0000): Poco's parser cuts a key there, so {"csrf\u0000x": …}
// would read as "csrf". Refused before parsing.
bool has_escaped_nul(const std::string& json) {
  for (size_t i = 0; i + 1 < json.size(); ++i) {
    if (json[i] != '\\') continue;
    if (json[i + 1] == 'u' && i + 5 < json.size() && json.compare(i + 2, 4, "0000") == 0)
      return true;
    ++i;  // the escaped character
  }
  return false;
}

void flatten_json(const Poco::JSON::Object::Ptr& obj, std::map<std::string, std::string>& out) {
  for (const auto& [key, value] : *obj) {
    if (check_input_text(key, 100))
      throw HttpError(400, "bad_json", "字段名无效：" + sanitize_for_log(key, 100));
    if (value.isEmpty()) continue;
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
      auto arr = value.extract<Poco::JSON::Array::Ptr>();
      std::string joined;
      for (size_t i = 0; i < arr->size(); ++i)
        joined += (i ? "\n" : "") + arr->get(i).convert<std::string>();
      out[key] = joined;
    } else if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
      throw HttpError(400, "bad_json", "字段 " + key + " 不应是对象");
    } else {
      out[key] = value.convert<std::string>();
    }
  }
}

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(Console& console, bool tls) : console_(console), tls_(tls) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    enter(Phase::body);
    Request request;
    std::optional<HttpError> refused;
    bool body_read = false;
    try {
      body_read = read(in, request);
    } catch (const HttpError& e) {
      refused = e;
    } catch (const std::exception&) {
      refused = HttpError(400, "bad_request", "请求无法解析");
    }
    enter(Phase::handling);
    Response response = console_.handle(request, refused ? &*refused : nullptr);
    // a body left (partly) unread would be taken for the next request
    if (!body_read) out.setKeepAlive(false);
    write(response, out);
    if (!body_read && current_connection != nullptr) linger(current_connection->socket);
    enter(Phase::waiting);
  }

 private:
  // Fills `request`; true when the body (if any) was read to its end.
  bool read(Poco::Net::HTTPServerRequest& in, Request& request) {
    request.method = in.getMethod();
    request.remote_addr = in.clientAddress().host().toString();
    request.secure = tls_;
    request.path = in.getURI();  // what the audit log shows if the URI cannot be parsed
    if (in.has("X-CSRF-Token")) request.csrf_header = in.get("X-CSRF-Token");
    Poco::Net::NameValueCollection cookies;
    in.getCookies(cookies);
    for (const auto& [k, v] : cookies) request.cookies[k] = v;
    request.content_type = in.getContentType();
    Poco::URI uri(in.getURI());
    request.path = uri.getPath();
    request.wants_json = request.path == "/api" || starts_with(request.path, "/api/");
    for (const auto& [k, v] : uri.getQueryParameters()) request.query[k] = v;

    const bool has_body = in.getChunkedTransferEncoding() || in.getContentLength() > 0;
    if (!has_body) return true;
    // Before login only a login form is worth reading: a far smaller bound.
    const long long limit = console_.body_limit(request);
    if (in.getContentLength() > limit) throw kTooLarge;
    if (request.method != "POST") return false;  // not read: the connection closes after
    BoundedBody bounded(in.stream(), limit);
    std::istream body(&bounded);
    if (starts_with(request.content_type, "multipart/form-data") ||
        starts_with(request.content_type, "application/x-www-form-urlencoded")) {
      UploadHandler uploads(request);
      Poco::Net::HTMLForm form;
      form.setFieldLimit(1000);
      // the body's bound is the limit (Poco's own value limit would answer 400 before it)
      form.setValueLengthLimit(static_cast<int>(std::min<long long>(limit + 1024, 1 << 30)));
      try {
        form.load(in, body, uploads);
      } catch (const std::exception&) {
        if (bounded.exceeded()) throw kTooLarge;
        throw HttpError(400, "bad_request", "表单无法解析");
      }
      if (bounded.exceeded()) throw kTooLarge;
      for (const auto& [k, v] : form) request.form[k] = v;
      return bounded.ended();
    }
    std::string text;
    Poco::StreamCopier::copyToString(body, text);
    if (bounded.exceeded()) throw kTooLarge;
    request.body = std::move(text);
    if (starts_with(request.content_type, "application/json") && !request.body.empty()) {
      if (has_escaped_nul(request.body))
        throw HttpError(400, "bad_json", "JSON 中不能有 NUL 字符（\\u0000）");
      Poco::JSON::Object::Ptr object;
      try {
        Poco::JSON::Parser parser;
        auto parsed = parser.parse(request.body);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
          throw HttpError(400, "bad_json", "请求体应为 JSON 对象");
        object = parsed.extract<Poco::JSON::Object::Ptr>();
      } catch (const Poco::Exception&) {
        throw HttpError(400, "bad_json", "请求体不是有效的 JSON");
      }
      flatten_json(object, request.form);
    }
    return true;
  }

  // The answer is sent while the client may still be sending a refused body: reading that away
  // for a moment (bounded in time and bytes, nothing kept) lets the client read the answer
  // instead of a connection reset.
  static void linger(Poco::Net::StreamSocket& socket) {
    try {
      socket.shutdownSend();
      socket.setReceiveTimeout(Poco::Timespan(0, 500000));
      char sink[8192];
      long long drained = 0;
      const auto until = Clock::now() + std::chrono::seconds(2);
      while (drained < (8 << 20) && Clock::now() < until) {
        int n = socket.receiveBytes(sink, sizeof sink);
        if (n <= 0) break;
        drained += n;
      }
    } catch (const Poco::Exception&) {
    }
  }

  static void write(const Response& response, Poco::Net::HTTPServerResponse& out) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.content_type);
    for (const auto& [k, v] : response.headers) out.add(k, v);
    if (response.stream) {
      // produced while it is sent (a batch's ZIP): bounded memory, no temporary file
      out.setChunkedTransferEncoding(true);
      out.setKeepAlive(false);
      try {
        std::ostream& body = out.send();
        response.stream(body);
        body.flush();
      } catch (const std::exception& e) {
        std::cerr << "响应发送中断：" << sanitize_for_log(e.what(), 300) << "\n";
      }
      return;
    }
    if (!response.file_path.empty()) {
      std::ifstream file(response.file_path, std::ios::binary);
      file.seekg(0, std::ios::end);
      out.setContentLength64(static_cast<Poco::UInt64>(file.tellg()));
      file.seekg(0);
      std::ostream& body = out.send();
      Poco::StreamCopier::copyStream(file, body);
      body.flush();
      return;
    }
    out.setContentLength64(response.body.size());
    std::ostream& body = out.send();
    body << response.body;
    body.flush();
  }

  Console& console_;
  bool tls_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(Console& console, bool tls) : console_(console), tls_(tls) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(console_, tls_);
  }

 private:
  Console& console_;
  bool tls_;
};

struct Shared {
  Shared(Console& console, const ServerOptions& o, bool tls)
      : options(o),
        connections(o.max_connections, o.max_connections_per_address),
        params(new Poco::Net::HTTPServerParams),
        factory(new Factory(console, tls)) {
    params->setTimeout(Poco::Timespan(o.read_timeout_seconds, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(o.idle_timeout_seconds, 0));
    params->setMaxKeepAliveRequests(1000);
  }
  ServerOptions options;
  Connections connections;
  Poco::Net::HTTPServerParams::Ptr params;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory;
};

// One accepted connection: admitted under the limits and watched, or told 503 and closed.
class GuardedConnection : public Poco::Net::TCPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, Shared& shared)
      : Poco::Net::TCPServerConnection(socket), shared_(shared) {}

  void run() override {
    std::string address;
    try {
      address = socket().peerAddress().host().toString();
    } catch (const Poco::Exception&) {
      return;  // gone already
    }
    auto connection = shared_.connections.admit(socket(), address);
    if (!connection) {
      refuse_busy();
      return;
    }
    struct Release {
      Shared& shared;
      std::shared_ptr<Connection> connection;
      ~Release() {
        current_connection = nullptr;
        shared.connections.release(connection);
      }
    } release{shared_, connection};
    current_connection = connection.get();
    Poco::Net::HTTPServerConnection http(socket(), shared_.params, shared_.factory);
    http.run();
  }

 private:
  void refuse_busy() {
    try {
      socket().setSendTimeout(Poco::Timespan(2, 0));
      socket().setReceiveTimeout(Poco::Timespan(1, 0));
      const std::string body = error_json("server_busy", "服务器繁忙，请稍后再试");
      const std::string message =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; "
          "charset=utf-8\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body;
      socket().sendBytes(message.data(), static_cast<int>(message.size()));
      socket().shutdownSend();
      // what the client already sent is read away, so that closing does not reset the
      // connection before the answer is read
      char sink[4096];
      for (int i = 0; i < 16 && socket().receiveBytes(sink, sizeof sink) > 0; ++i) {
      }
    } catch (const Poco::Exception&) {
    }
  }

  Shared& shared_;
};

class GuardedFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  explicit GuardedFactory(Shared& shared) : shared_(shared) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new GuardedConnection(socket, shared_);
  }

 private:
  Shared& shared_;
};

Poco::Net::ServerSocket bind_socket(const std::string& address, int port, const ServerOptions& o) {
  Poco::Net::SocketAddress at(address, static_cast<Poco::UInt16>(port));
  if (o.tls_certificate_file.empty() && o.tls_key_file.empty()) return Poco::Net::ServerSocket(at);
  if (o.tls_certificate_file.empty() || o.tls_key_file.empty())
    throw std::invalid_argument("--tls-cert 与 --tls-key 须同时给出");
  static std::once_flag ssl_initialised;
  std::call_once(ssl_initialised, [] { Poco::Net::initializeSSL(); });
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_SERVER_USE, o.tls_key_file, o.tls_certificate_file, "",
      Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4:!3DES");
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  context->preferServerCiphers();
  return Poco::Net::SecureServerSocket(at, 64, context);
}

}  // namespace

struct WebServer::Impl {
  Impl(Console& console, const ServerOptions& o, bool tls)
      : shared(console, o, tls), pool(2, o.max_connections + kSpareThreads, 10) {}
  Shared shared;
  Poco::ThreadPool pool;  // declared before the server, which is destroyed first
  std::unique_ptr<Poco::Net::TCPServer> server;
  bool tls = false;
  std::thread watchdog;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
};

WebServer::WebServer(Console& console, const std::string& bind_address, int port,
                     const ServerOptions& options) {
  if (options.max_connections < 1 || options.max_connections_per_address < 1 ||
      options.read_timeout_seconds < 1 || options.idle_timeout_seconds < 1)
    throw std::invalid_argument("web 连接上限与超时须为正数");
  // a client that goes away mid-answer must not end the process
  std::signal(SIGPIPE, SIG_IGN);
  Poco::Net::ServerSocket socket = bind_socket(bind_address, port, options);
  const bool tls = !options.tls_certificate_file.empty();
  port_ = socket.address().port();
  impl_ = std::make_unique<Impl>(console, options, tls);
  impl_->tls = tls;
  auto* params = new Poco::Net::TCPServerParams;
  params->setMaxThreads(options.max_connections + kSpareThreads);
  params->setMaxQueued(options.max_connections);
  params->setThreadIdleTime(Poco::Timespan(10, 0));
  impl_->server = std::make_unique<Poco::Net::TCPServer>(new GuardedFactory(impl_->shared),
                                                         impl_->pool, socket, params);
}

WebServer::~WebServer() { stop(); }

bool WebServer::tls() const { return impl_->tls; }

void WebServer::start() {
  impl_->server->start();
  Impl* impl = impl_.get();
  impl->watchdog = std::thread([impl] {
    const std::chrono::seconds limit(impl->shared.options.read_timeout_seconds);
    std::unique_lock<std::mutex> lock(impl->mutex);
    while (!impl->stopping) {
      impl->wake.wait_for(lock, std::chrono::milliseconds(250));
      impl->shared.connections.close_late(Clock::now(), limit);
    }
  });
}

void WebServer::stop() {
  if (!impl_ || !impl_->server) return;
  impl_->server->stop();  // no new connections
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
  impl_->shared.connections.close_all();  // requests in hand end now (as HTTPServer::stopAll)
  impl_->pool.joinAll();
  impl_->server.reset();
}

}  // namespace zhixing::app::web
