// The console's route table: method and path pattern to handler, as data. One dispatch
// (Console::dispatch in routes.cpp) finds a request's route; a path that no route has is a 404,
// a path whose routes take other methods a 405.
#pragma once

#include <string>
#include <vector>

#include "app/web/http.h"

namespace zhixing::app::web {

class Console;
struct Session;

// Which requests a route answers: the pages, the API under /api/, or both (the path is the same
// after /api).
enum class Surface { page, api, both };

// What a handler gets: the request, its session, and the path's segments (after /api).
struct Call {
  Request& request;
  const Session& session;
  const std::vector<std::string>& segments;
};

struct Route {
  const char* method;  // GET or POST
  // One entry per path segment: a literal ("batch|batches": either), or "*" for any segment.
  std::vector<std::string> pattern;
  Surface surface;
  const char* action;  // the audit log's name for the request
  // When set: the audit log's target is this and the path's second segment ("case 12").
  const char* target_prefix;
  Response (*handle)(Console& console, const Call& call);
};

bool pattern_matches(const std::vector<std::string>& pattern,
                     const std::vector<std::string>& segments);
bool serves(const Route& route, bool api);

}  // namespace zhixing::app::web
