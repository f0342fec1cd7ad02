#include "reports/annual_figures.h"

#include <algorithm>
#include <stdexcept>

#include "core/case_number.h"
#include "core/money.h"
#include "reports/statutory_limit.h"

namespace zhixing::reports {

namespace {

// The order of 案件类型及其代字标准 (2016), for the scope label.
constexpr std::array<std::string_view, 8> kTypeOrder = {"执",   "执恢", "执保", "执异",
                                                        "执复", "执监", "执协", "执他"};

std::vector<std::string> ordered_codes(const Scope& scope) {
  std::vector<std::string> out;
  for (auto code : kTypeOrder)
    if (scope.contains(code)) out.emplace_back(code);
  for (const auto& code : scope.type_codes)
    if (std::find(kTypeOrder.begin(), kTypeOrder.end(), code) == kTypeOrder.end())
      out.push_back(code);
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

bool in_year(Date d, int year) { return d.year() == year; }

}  // namespace

std::string Scope::label() const { return join(ordered_codes(*this), "、"); }
std::string Scope::spec() const { return join(ordered_codes(*this), ","); }

Scope parse_scope(std::string_view text) {
  Scope scope;
  scope.type_codes.clear();
  std::string s(text);
  for (std::string_view sep : {"、", "，"}) {
    for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep))
      s.replace(at, sep.size(), ",");
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string code = s.substr(start, end - start);
    while (!code.empty() && code.front() == ' ') code.erase(code.begin());
    while (!code.empty() && code.back() == ' ') code.pop_back();
    if (!code.empty()) {
      if (!is_known_type_code(code)) throw std::invalid_argument(code);
      scope.type_codes.insert(code);
    }
    start = end + 1;
  }
  if (scope.type_codes.empty()) throw std::invalid_argument(std::string(text));
  return scope;
}

AnnualFigures compute_annual_figures(const std::vector<CaseRecord>& cases, const AnnualQuery& query,
                                     const ReliefTotals& relief) {
  AnnualFigures f;
  f.court_code = query.court_code;
  f.court_name = query.court_name;
  f.year = query.year;
  f.scope = query.scope;
  f.relief = relief;
  for (auto kind : kClosureKinds) f.closures.push_back({std::string(kind)});
  for (auto c : kLivelihoodCategories) f.categories.push_back({std::string(c)});
  for (auto m : kCountedMeasures) f.measures.push_back({std::string(m)});

  const Date year_start = *Date::from_ymd(query.year, 1, 1);
  int64_t within_limit = 0, performed = 0, zhongben = 0;
  for (const CaseRecord& c : cases) {
    if (c.case_number.court_code != query.court_code) continue;
    if (!query.scope.contains(c.case_number.type_code)) continue;
    if (c.filed_on.year() > query.year) continue;
    const bool closed_before = c.closure && c.closure->on < year_start;
    if (closed_before) continue;
    const bool is_new = in_year(c.filed_on, query.year);
    ++(is_new ? f.new_cases : f.carried_over);
    if (is_new) ++f.filed_by_month[static_cast<size_t>(c.filed_on.month() - 1)];
    const bool closed = c.closure && in_year(c.closure->on, query.year);

    bool livelihood = false;
    for (auto& line : f.categories) {
      if (std::find(c.categories.begin(), c.categories.end(), line.category) == c.categories.end())
        continue;
      livelihood = true;
      ++line.received;
      if (closed) {
        ++line.closed;
        line.recovered_fen = add_fen(line.recovered_fen, c.recovered.fen());
      }
    }
    if (livelihood) {
      ++f.livelihood_received;
      if (closed) ++f.livelihood_closed;
    }
    if (c.settlement && in_year(c.settlement->signed_on, query.year)) ++f.settlements;
    for (auto& line : f.measures) {
      int64_t n = 0;
      for (const Measure& m : c.measures)
        if (m.kind == line.kind && in_year(m.on, query.year)) ++n;
      line.count += n;
      if (n > 0) ++line.cases;
    }

    if (!closed) continue;
    ++f.closed;
    ++f.closed_by_month[static_cast<size_t>(c.closure->on.month() - 1)];
    f.closed_days_sum += c.closure->on - c.filed_on;
    f.claim_fen = add_fen(f.claim_fen, c.claim.fen());
    f.recovered_fen = add_fen(f.recovered_fen, c.recovered.fen());
    if (check_statutory_limit(c, c.closure->on).within()) ++within_limit;
    if (c.closure->kind == "performed") ++performed;
    if (c.closure->kind == "terminated_current") ++zhongben;
    for (auto& line : f.closures) {
      if (line.kind != c.closure->kind) continue;
      ++line.cases;
      line.claim_fen = add_fen(line.claim_fen, c.claim.fen());
      line.recovered_fen = add_fen(line.recovered_fen, c.recovered.fen());
    }
  }
  f.closing_rate = {f.closed, f.received()};
  f.within_limit_rate = {within_limit, f.closed};
  f.recovery_rate = {f.recovered_fen, f.claim_fen};
  f.performed_rate = {performed, f.closed};
  f.zhongben_rate = {zhongben, f.closed};
  return f;
}

}  // namespace zhixing::reports
