#include "app/web/http.h"

#include "core/json_text.h"
#include "core/money.h"

namespace zhixing::app::web {

std::string Request::param(const std::string& name) const {
  if (auto it = form.find(name); it != form.end()) return it->second;
  if (auto it = query.find(name); it != query.end()) return it->second;
  return "";
}

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  return r;
}

std::string error_json(const std::string& code, const std::string& message) {
  return JsonObject().add_string("error", code).add_string("message", message).str();
}

std::string h(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::string jstr(std::string_view text) { return json_quote(text); }
std::string jnum(long long n) { return json_number(n); }
std::string jbool(bool b) { return json_bool(b); }
std::string jarray(const std::vector<std::string>& values) { return json_array(values); }

std::string yuan(long long fen) { return Money::from_fen(fen).figures(); }

}  // namespace zhixing::app::web
