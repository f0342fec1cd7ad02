#include "app/web/routes.h"

#include <algorithm>

#include "app/web/console.h"
#include "app/web/request_args.h"

namespace zhixing::web {

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

long long second_id(const Call& c) { return parse_id(c.segments[1]); }

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

const std::vector<Route>& Console::routes() {
  static const std::vector<Route> table = {
      {"GET",
       {},
       both,
       "home",
       nullptr,
       [](Console& c, const Call& x) { return c.home(x.request, x.session); }},
      {"GET",
       {"me"},
       both,
       "me",
       nullptr,
       [](Console& c, const Call& x) { return c.me(x.request, x.session); }},
      {"POST",
       {"logout"},
       both,
       "logout",
       nullptr,
       [](Console& c, const Call& x) { return c.logout(x.request, x.session); }},
      {"GET",
       {"runs"},
       both,
       "runs.list",
       nullptr,
       [](Console& c, const Call& x) { return c.runs_list(x.request, x.session); }},
      {"GET",
       {"runs", "*"},
       both,
       "runs.show",
       nullptr,
       [](Console& c, const Call& x) { return c.run_detail(x.request, x.session, second_id(x)); }},
      {"POST",
       {"runs", "*", "restart"},
       both,
       "runs.restart",
       nullptr,
       [](Console& c, const Call& x) { return c.run_restart(x.request, x.session, second_id(x)); }},
      {"GET",
       {"document-kinds"},
       both,
       "document_kinds",
       nullptr,
       [](Console& c, const Call& x) { return c.document_kinds(x.request, x.session); }},
      {"GET",
       {"batch|batches"},
       page,
       "batch.form",
       nullptr,
       [](Console& c, const Call& x) { return c.batch_form(x.request, x.session); }},
      {"POST",
       {"batch|batches"},
       both,
       "batch.launch",
       nullptr,
       [](Console& c, const Call& x) { return c.batch_launch(x.request, x.session); }},
      {"GET",
       {"batch|batches", "*"},
       both,
       "batch.show",
       nullptr,
       [](Console& c, const Call& x) {
         return c.batch_status(x.request, x.session, x.segments[1]);
       }},
      {"GET",
       {"batch|batches", "*", "zip"},
       both,
       "batch.zip",
       nullptr,
       [](Console& c, const Call& x) { return c.batch_zip(x.request, x.session, x.segments[1]); }},
      {"GET",
       {"documents", "*", "pdf"},
       both,
       "documents.download",
       "document ",
       [](Console& c, const Call& x) {
         return c.document_pdf(x.request, x.session, second_id(x));
       }},
      {"GET",
       {"cases"},
       both,
       "cases.list",
       nullptr,
       [](Console& c, const Call& x) { return c.cases_list(x.request, x.session); }},
      {"GET",
       {"cases", "*"},
       both,
       "cases.show",
       "case ",
       [](Console& c, const Call& x) { return c.case_detail(x.request, x.session, second_id(x)); }},
      {"GET",
       {"finance"},
       page,
       "finance.page",
       nullptr,
       [](Console& c, const Call& x) { return c.finance(x.request, x.session); }},
      {"POST",
       {"finance", "confirm"},
       page,
       "ledger.confirm",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_confirm(x.request, x.session); }},
      {"GET",
       {"ledger", "transactions"},
       both,
       "ledger.transactions",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_transactions(x.request, x.session); }},
      {"GET",
       {"ledger", "balances"},
       both,
       "ledger.balances",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_balances(x.request, x.session); }},
      {"GET",
       {"ledger", "verify"},
       both,
       "ledger.verify",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_verify(x.request, x.session); }},
      {"GET",
       {"ledger", "report.csv"},
       both,
       "ledger.report.csv",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_report(x.request, x.session, "csv"); }},
      {"GET",
       {"ledger", "report.pdf"},
       both,
       "ledger.report.pdf",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_report(x.request, x.session, "pdf"); }},
      {"POST",
       {"ledger", "confirmations"},
       both,
       "ledger.confirm",
       nullptr,
       [](Console& c, const Call& x) { return c.ledger_confirm(x.request, x.session); }},
      {"GET",
       {"audit"},
       both,
       "audit.list",
       nullptr,
       [](Console& c, const Call& x) { return c.audit_list(x.request, x.session); }},
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

}  // namespace zhixing::web
