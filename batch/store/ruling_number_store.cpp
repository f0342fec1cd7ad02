#include "store/ruling_number_store.h"

#include <algorithm>
#include <set>

#include "documents/kinds/ruling_numbers.h"
#include "store/pg_array.h"

namespace zhixing::inline store {

namespace {

// The two-key advisory lock space (it never overlaps the one-key locks of the ledger and the
// migrations): (kRulingLock, case id modulo 2^31 − 1). Two cases sharing a key only wait for
// each other.
constexpr int kRulingLock = 7320002;

std::map<long long, std::set<documents::EventKey>> issued_rulings(soci::session& sql,
                                                                  const std::string& ids) {
  std::map<long long, std::set<documents::EventKey>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select distinct case_id, kind, to_char(event_date, 'YYYY-MM-DD'),"
                      " event_position from documents where case_id = any(cast(:ids as bigint[]))"
                      " and kind in ('ruling-freeze', 'ruling-seal', 'ruling-zhongben')",
       soci::use(ids));
  for (const auto& r : rows) {
    const auto kind = documents::parse_kind(r.get<std::string>(1));
    const auto date = Date::parse_iso(r.get<std::string>(2));
    if (!kind || !date) continue;
    out[r.get<long long>(0)].insert(documents::EventKey{*date, *kind, r.get<int>(3)});
  }
  return out;
}

}  // namespace

std::map<long long, documents::RulingNumbers> load_ruling_numbers(
    soci::session& sql, const std::vector<long long>& case_ids) {
  std::map<long long, documents::RulingNumbers> out;
  if (case_ids.empty()) return out;
  const std::string ids = pg_bigint_array(case_ids);
  soci::rowset<soci::row> rows =
      (sql.prepare << "select case_id, kind, to_char(event_date, 'YYYY-MM-DD'), event_position,"
                      " ordinal from ruling_numbers where case_id = any(cast(:ids as bigint[]))",
       soci::use(ids));
  for (const auto& r : rows) {
    const auto kind = documents::parse_kind(r.get<std::string>(1));
    const auto date = Date::parse_iso(r.get<std::string>(2));
    if (!kind || !date) continue;
    out[r.get<long long>(0)][documents::EventKey{*date, *kind, r.get<int>(3)}] = r.get<int>(4);
  }
  return out;
}

namespace {

// One transaction: the cases' advisory locks (ascending), their numbers and issued rulings, the
// new ordinals. `plans` is sorted by case id.
void number_group(soci::session& sql, const std::vector<RulingPlan>& plans,
                  std::map<long long, documents::RulingNumbers>& out) {
  std::vector<long long> ids;
  for (const auto& p : plans)
    if (ids.empty() || ids.back() != p.case_id) ids.push_back(p.case_id);
  soci::transaction tx(sql);
  for (long long id : ids) {
    const int key2 = static_cast<int>(id % 2147483647LL);
    sql << "select pg_advisory_xact_lock(:a, :b)", soci::use(kRulingLock), soci::use(key2);
  }
  auto numbers = load_ruling_numbers(sql, ids);
  const auto issued = issued_rulings(sql, pg_bigint_array(ids));
  std::vector<long long> case_col, position_col, ordinal_col;
  std::vector<std::string> kind_col, date_col;
  // Plans of one case together (a case may be named more than once; they are merged).
  for (std::size_t i = 0; i < plans.size();) {
    const long long id = plans[i].case_id;
    const CaseRecord* record = plans[i].record;
    std::vector<documents::EventKey> planned;
    for (; i < plans.size() && plans[i].case_id == id; ++i)
      planned.insert(planned.end(), plans[i].planned.begin(), plans[i].planned.end());
    static const std::set<documents::EventKey> kNone;
    const auto it = issued.find(id);
    auto& have = numbers[id];
    for (const auto& [key, ordinal] : documents::assign_ruling_numbers(
             *record, have, planned, it == issued.end() ? kNone : it->second)) {
      have[key] = ordinal;
      case_col.push_back(id);
      kind_col.emplace_back(documents::kind_name(key.kind));
      date_col.push_back(key.date.iso());
      position_col.push_back(key.position);
      ordinal_col.push_back(ordinal);
    }
  }
  if (!case_col.empty()) {
    const std::string c = pg_bigint_array(case_col), k = pg_text_array(kind_col),
                      d = pg_text_array(date_col), p = pg_bigint_array(position_col),
                      o = pg_bigint_array(ordinal_col);
    sql << "insert into ruling_numbers (case_id, kind, event_date, event_position, ordinal)"
           " select * from unnest(cast(:c as bigint[]), cast(:k as text[]),"
           " cast(:d as date[]), cast(:p as int[]), cast(:o as int[]))",
        soci::use(c), soci::use(k), soci::use(d), soci::use(p), soci::use(o);
  }
  tx.commit();
  for (auto& [id, n] : numbers)
    if (!n.empty()) out[id] = std::move(n);
}

}  // namespace

std::map<long long, documents::RulingNumbers> number_rulings(soci::session& sql,
                                                             std::vector<RulingPlan> plans) {
  std::erase_if(plans, [](const RulingPlan& p) { return !p.record || p.planned.empty(); });
  std::stable_sort(plans.begin(), plans.end(),
                   [](const RulingPlan& a, const RulingPlan& b) { return a.case_id < b.case_id; });
  // Groups of at most 64 cases per transaction: a night's thousands of cases never hold
  // thousands of advisory locks at once (the shared lock table is max_locks_per_transaction ×
  // max_connections entries).
  constexpr std::size_t kCasesPerTransaction = 64;
  std::map<long long, documents::RulingNumbers> out;
  std::size_t start = 0;
  while (start < plans.size()) {
    std::size_t end = start;
    std::size_t cases = 0;
    while (end < plans.size()) {
      const bool new_case = end == start || plans[end].case_id != plans[end - 1].case_id;
      if (new_case && cases == kCasesPerTransaction) break;
      cases += new_case ? 1 : 0;
      ++end;
    }
    number_group(sql,
                 {plans.begin() + static_cast<long>(start), plans.begin() + static_cast<long>(end)},
                 out);
    start = end;
  }
  return out;
}

}  // namespace zhixing::inline store
