// What the console's handlers read from a request, checked: ids, numbers and dates from the
// path or the query, form fields, the caller's permission. Each refusal is an HttpError (400
// with a stable code, or 403).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/web/console.h"
#include "app/web/http.h"

namespace zhixing::app::web {

// A form or JSON field only, never the query string (a URL ends up in logs and Referer headers).
std::string form_field(const Request& r, const std::string& name);

// Every text a request carries in its path, query and form fields is valid UTF-8 without
// control characters (a form's free text may hold line breaks); else a 400 bad_request.
std::optional<HttpError> request_text_fault(const Request& r, long long max_field_bytes);

// Cookie attributes: Secure when the request came over TLS.
std::string cookie_attributes(const Request& r, const std::string& path);

// 403 forbidden unless the session's role has `p`.
void require(const Session& s, Permission p);

// A positive decimal id (400 bad_id otherwise).
long long parse_id(const std::string& text);
// An integer query or form parameter within [lo, hi]; `fallback` when absent.
int parse_int_param(const Request& r, const std::string& name, int fallback, int lo, int hi,
                    const std::string& code, const std::string& label);
// An ISO date parameter, or "" when absent (400 bad_date otherwise).
std::string parse_date_param(const Request& r, const std::string& name);
bool truthy(const std::string& v);

std::vector<std::string> split_path(const std::string& path);

// Request ids come from the console (ASCII) or from `zhixing batch --request` (anything a clerk
// typed, e.g. with the user's Chinese name): any text without control characters or slashes.
bool valid_request_id(const std::string& id);

// A download's Content-Disposition: an ASCII fallback name and the UTF-8 name.
std::string content_disposition(const std::string& file_name);

}  // namespace zhixing::app::web
