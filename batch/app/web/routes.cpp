#include "app/web/routes.h"

#include <algorithm>

#include "app/web/console.h"
#include "app/web/request_args.h"

namespace zhixing::app::web {

bool pattern_matches(const std::vector<std::string>& pattern,
                     const std::vector<std::string>& segments) {
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "*") continue;
    bool any = false;
    std::size_t from = 0;
    for (;;) {
      std::size_t bar = pattern[i].find('|', from);
      if (pattern[i].compare(from, bar == std::string::npos ? std::string::npos : bar - from,
                             segments[i]) == 0)
        any = true;
      if (bar == std::string::npos) break;
      from = bar + 1;
    }
    if (!any) return false;
  }
  return true;
}

bool serves(const Route& route, bool api) {
  return route.surface == Surface::both || (route.surface == Surface::api) == api;
}

namespace {

using enum Surface;

// A path below runs or batches whose second segment names one of them: the name is checked
// before a route is chosen (a bad id is a 400 whatever follows it), and is the audit target.
void check_item(const std::vector<std::string>& seg, std::string& target) {
  if (seg.size() < 2) return;
  if (seg[0] == "runs") {
    parse_id(seg[1]);
    target = "execution " + seg[1];
  } else if (seg[0] == "batch" || seg[0] == "batches") {
    target = "batch " + seg[1].substr(0, 120);
    if (!valid_request_id(seg[1])) throw HttpError(400, "bad_id", "批次请求号无效");
  }
}

}  // namespace

namespace {

// Handlers of each shape, called with what the path gives them.
using Plain = Response (Console::*)(Request&, const Session&);
using ById = Response (Console::*)(Request&, const Session&, long long);
using ByName = Response (Console::*)(Request&, const Session&, const std::string&);

template <Plain F>
Response plain(Console& c, const Call& x) {
  return (c.*F)(x.request, x.session);
}
// The path's second segment as an id (400 bad_id unless it is one).
template <ById F>
Response by_id(Console& c, const Call& x) {
  return (c.*F)(x.request, x.session, parse_id(x.segments[1]));
}
template <ByName F>
Response by_name(Console& c, const Call& x) {
  return (c.*F)(x.request, x.session, x.segments[1]);
}

}  // namespace

const std::vector<Route>& Console::routes() {
  using C = Console;
  static const std::vector<Route> table = {
      {"GET", {}, both, "home", nullptr, plain<&C::home>},
      {"GET", {"me"}, both, "me", nullptr, plain<&C::me>},
      {"POST", {"logout"}, both, "logout", nullptr, plain<&C::logout>},
      {"GET", {"runs"}, both, "runs.list", nullptr, plain<&C::runs_list>},
      {"GET", {"runs", "*"}, both, "runs.show", nullptr, by_id<&C::run_detail>},
      {"POST", {"runs", "*", "restart"}, both, "runs.restart", nullptr, by_id<&C::run_restart>},
      {"GET", {"document-kinds"}, both, "document_kinds", nullptr, plain<&C::document_kinds>},
      {"GET", {"batch|batches"}, page, "batch.form", nullptr, plain<&C::batch_form>},
      {"POST", {"batch|batches"}, both, "batch.launch", nullptr, plain<&C::batch_launch>},
      {"GET", {"batch|batches", "*"}, both, "batch.show", nullptr, by_name<&C::batch_status>},
      {"GET", {"batch|batches", "*", "zip"}, both, "batch.zip", nullptr, by_name<&C::batch_zip>},
      {"GET",
       {"documents", "*", "pdf"},
       both,
       "documents.download",
       "document ",
       by_id<&C::document_pdf>},
      {"GET", {"cases"}, both, "cases.list", nullptr, plain<&C::cases_list>},
      {"GET", {"cases", "*"}, both, "cases.show", "case ", by_id<&C::case_detail>},
      {"GET", {"finance"}, page, "finance.page", nullptr, plain<&C::finance>},
      {"POST", {"finance", "confirm"}, page, "ledger.confirm", nullptr, plain<&C::ledger_confirm>},
      {"GET",
       {"ledger", "transactions"},
       both,
       "ledger.transactions",
       nullptr,
       plain<&C::ledger_transactions>},
      {"GET", {"ledger", "balances"}, both, "ledger.balances", nullptr, plain<&C::ledger_balances>},
      {"GET", {"ledger", "verify"}, both, "ledger.verify", nullptr, plain<&C::ledger_verify>},
      {"GET",
       {"ledger", "report.csv"},
       both,
       "ledger.report.csv",
       nullptr,
       [](C& c, const Call& x) { return c.ledger_report(x.request, x.session, "csv"); }},
      {"GET",
       {"ledger", "report.pdf"},
       both,
       "ledger.report.pdf",
       nullptr,
       [](C& c, const Call& x) { return c.ledger_report(x.request, x.session, "pdf"); }},
      {"POST",
       {"ledger", "confirmations"},
       both,
       "ledger.confirm",
       nullptr,
       plain<&C::ledger_confirm>},
      {"GET", {"audit"}, both, "audit.list", nullptr, plain<&C::audit_list>},
  };
  return table;
}

Response Console::dispatch(Request& r, const Session& s, std::string& action, std::string& target) {
  const auto seg = split_path(r.wants_json ? r.path.substr(4) : r.path);
  check_item(seg, target);
  std::vector<const Route*> found;  // the path's routes, whatever their method and surface
  for (const auto& route : routes())
    if (pattern_matches(route.pattern, seg)) found.push_back(&route);
  if (std::none_of(found.begin(), found.end(),
                   [&](const Route* route) { return serves(*route, r.wants_json); })) {
    action = "not_found";
    target = r.method + " " + r.path.substr(0, 200);
    throw HttpError(404, "not_found", "没有该页面或接口");
  }
  auto name = [&](const Route& route) {
    action = route.action;
    if (route.target_prefix) target = route.target_prefix + seg[1];
  };
  // A refused method is recorded under the path's action, when all its routes share one.
  if (std::all_of(found.begin(), found.end(), [&](const Route* route) {
        return std::string(route->action) == found.front()->action;
      }))
    name(*found.front());
  for (const Route* route : found) {
    if (route->method != r.method || !serves(*route, r.wants_json)) continue;
    name(*route);
    return route->handle(*this, Call{r, s, seg});
  }
  throw HttpError(405, "method_not_allowed", "不支持该请求方法");
}

}  // namespace zhixing::app::web
