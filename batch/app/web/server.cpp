#include "app/web/server.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/web/console.h"
#include "app/web/http.h"

namespace zhixing::web {

namespace {

// Keeps the first file part of a multipart form, up to a size limit.
class UploadHandler : public Poco::Net::PartHandler {
 public:
  UploadHandler(Request& request, long long limit) : request_(request), limit_(limit) {}
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition, name;
    Poco::Net::NameValueCollection params;
    if (header.has("Content-Disposition")) {
      Poco::Net::MessageHeader::splitParameters(header["Content-Disposition"], disposition, params);
      name = params.get("filename", "");
    }
    std::string content;
    char buffer[8192];
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
      content.append(buffer, static_cast<size_t>(stream.gcount()));
      if (static_cast<long long>(content.size()) > limit_)
        throw HttpError(413, "too_large", "上传的文件过大");
    }
    if (request_.upload_content.empty()) {
      request_.upload_name = name;
      request_.upload_content = std::move(content);
    }
  }

 private:
  Request& request_;
  long long limit_;
};

void flatten_json(const Poco::JSON::Object::Ptr& obj, std::map<std::string, std::string>& out) {
  for (const auto& [key, value] : *obj) {
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

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Console& console) : console_(console) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    Request request;
    Response response;
    try {
      read(in, request);
      response = console_.handle(request);
    } catch (const HttpError& e) {
      response = Response::json(error_json(e.code(), e.what()), e.status());
    } catch (const std::exception& e) {
      response = Response::json(error_json("bad_request", "请求无法解析"), 400);
    }
    write(response, out);
  }

 private:
  void read(Poco::Net::HTTPServerRequest& in, Request& request) {
    request.method = in.getMethod();
    request.remote_addr = in.clientAddress().host().toString();
    Poco::URI uri(in.getURI());
    request.path = uri.getPath();
    request.wants_json = request.path == "/api" || request.path.rfind("/api/", 0) == 0;
    for (const auto& [k, v] : uri.getQueryParameters()) request.query[k] = v;
    if (in.has("X-CSRF-Token")) request.csrf_header = in.get("X-CSRF-Token");
    Poco::Net::NameValueCollection cookies;
    in.getCookies(cookies);
    for (const auto& [k, v] : cookies) request.cookies[k] = v;
    request.content_type = in.getContentType();
    const long long limit = console_.web_settings().max_body_bytes;
    if (in.getContentLength() > limit) throw HttpError(413, "too_large", "请求过大");
    if (request.method != "POST") return;
    if (request.content_type.rfind("multipart/form-data", 0) == 0 ||
        request.content_type.rfind("application/x-www-form-urlencoded", 0) == 0) {
      UploadHandler uploads(request, limit);
      Poco::Net::HTMLForm form;
      form.setFieldLimit(1000);
      form.load(in, in.stream(), uploads);
      for (const auto& [k, v] : form) request.form[k] = v;
      return;
    }
    std::string body;
    char buffer[8192];
    auto& stream = in.stream();
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
      body.append(buffer, static_cast<size_t>(stream.gcount()));
      if (static_cast<long long>(body.size()) > limit)
        throw HttpError(413, "too_large", "请求过大");
    }
    request.body = body;
    if (request.content_type.rfind("application/json", 0) == 0 && !body.empty()) {
      try {
        Poco::JSON::Parser parser;
        auto parsed = parser.parse(body);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
          throw HttpError(400, "bad_json", "请求体应为 JSON 对象");
        flatten_json(parsed.extract<Poco::JSON::Object::Ptr>(), request.form);
      } catch (const Poco::Exception&) {
        throw HttpError(400, "bad_json", "请求体不是有效的 JSON");
      }
    }
  }

  static void write(const Response& response, Poco::Net::HTTPServerResponse& out) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.content_type);
    for (const auto& [k, v] : response.headers) out.add(k, v);
    if (!response.file_path.empty()) {
      std::ifstream file(response.file_path, std::ios::binary);
      file.seekg(0, std::ios::end);
      out.setContentLength64(static_cast<Poco::UInt64>(file.tellg()));
      file.seekg(0);
      Poco::StreamCopier::copyStream(file, out.send());
      return;
    }
    out.setContentLength64(response.body.size());
    out.send() << response.body;
  }

  Console& console_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Console& console) : console_(console) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(console_);
  }

 private:
  Console& console_;
};

}  // namespace

WebServer::WebServer(Console& console, const std::string& bind_address, int port, int threads) {
  Poco::Net::ServerSocket socket(
      Poco::Net::SocketAddress(bind_address, static_cast<Poco::UInt16>(port)));
  port_ = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(threads);
  params->setMaxQueued(100);
  params->setKeepAlive(true);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(console), socket, params);
}

WebServer::~WebServer() { stop(); }

void WebServer::start() { server_->start(); }

void WebServer::stop() {
  if (server_) server_->stopAll(true);
}

}  // namespace zhixing::web
