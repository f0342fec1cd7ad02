// The console's own view of an HTTP exchange, independent of Poco: the server (server.cpp)
// fills a Request from Poco's and writes the Response back; the handlers (console.cpp) see only
// these. Also the text helpers every handler needs: HTML escaping, JSON building, errors.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_text.h"

namespace zhixing::app::web {

struct Request {
  std::string method;  // GET, POST …
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;  // url-encoded or multipart fields, or a JSON object's
  std::string content_type;
  std::string body;                         // raw body (JSON, CSV)
  std::string upload_name, upload_content;  // a multipart file field
  std::map<std::string, std::string> cookies;
  std::string csrf_header;  // X-CSRF-Token
  std::string remote_addr;  // host only
  bool wants_json = false;  // an /api/ path
  bool secure = false;      // came over TLS: cookies are then `Secure`

  std::string param(const std::string& name) const;  // form, then query
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string file_path;  // when set: the body is this file's content
  // When set: the body is written by this, while it is sent (chunked; e.g. a batch's ZIP).
  std::function<void(std::ostream&)> stream;

  static Response json(std::string body, int status = 200);
  static Response html(std::string body, int status = 200);
  static Response redirect(const std::string& location);
};

// A refusal with its HTTP status, stable English code and Chinese message.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

// {"error":"forbidden","message":"无权执行此操作"}
std::string error_json(const std::string& code, const std::string& message);

// &, <, >, ", ' escaped: safe in element content and quoted attributes.
std::string h(std::string_view text);
// Percent-encoding of a path segment or query value.
std::string url_encode(std::string_view text);

// JSON text through the core writer (core/json_text.h), compact: values are already JSON text.
using zhixing::JsonObject;
std::string jstr(std::string_view text);
std::string jnum(long long n);
std::string jbool(bool b);
std::string jarray(const std::vector<std::string>& values);

// Money in fen as "¥1,234.56".
std::string yuan(long long fen);

}  // namespace zhixing::app::web
