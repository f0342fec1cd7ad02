#include "store/relief_watermark.h"

#include <charconv>
#include <stdexcept>

#include "store/pg_array.h"

namespace zhixing::inline store {

namespace {

// "1,5,9" (array_to_string of a bigint[]) back to its values.
std::vector<long long> parse_ids(const std::string& text) {
  std::vector<long long> ids;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    long long v = 0;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc()) throw std::runtime_error("relief_watermark: bad id list " + text);
    ids.push_back(v);
    p = next < end && *next == ',' ? next + 1 : next;
  }
  return ids;
}

// The highest visible id of `table` and the ids at or below it that are open: not visible
// (above the previous floor, or open before and still missing) or, for import runs, running.
void position_of(soci::session& sql, const std::string& table, const std::string& running,
                 long long previous_floor, const std::vector<long long>& previous_open,
                 long long& floor, std::vector<long long>& open) {
  std::string prev_open = pg_bigint_array(previous_open);
  std::string ids;
  soci::indicator ids_i;
  // One statement, one snapshot: the floor and the missing ids below it agree.
  sql << "with top as (select greatest(coalesce(max(id), 0), :f0) m from " + table +
             ")"
             " select (select m from top), array_to_string(array("
             " select g from generate_series(:f1 + 1, (select m from top)) g"
             " where not exists (select 1 from " +
             table +
             " t where t.id = g)"
             " union select x from unnest(cast(:o as bigint[])) x"
             " where not exists (select 1 from " +
             table + " t where t.id = x)" + running + " order by 1), ',')",
      soci::use(previous_floor), soci::use(previous_floor), soci::use(prev_open), soci::into(floor),
      soci::into(ids, ids_i);
  open = ids_i == soci::i_ok ? parse_ids(ids) : std::vector<long long>();
}

}  // namespace

std::optional<ReliefWatermark> load_relief_watermark(soci::session& sql) {
  ReliefWatermark w;
  std::string date, open_runs, open_decisions;
  int full = 0;
  sql << "select policy_sha256, to_char(business_date, 'YYYY-MM-DD'), import_run_floor,"
         " array_to_string(open_import_runs, ','), decision_floor,"
         " array_to_string(open_decisions, ','), full_run::int from relief_watermark where id = 1",
      soci::into(w.policy_sha256), soci::into(date), soci::into(w.import_run_floor),
      soci::into(open_runs), soci::into(w.decision_floor), soci::into(open_decisions),
      soci::into(full);
  if (!sql.got_data()) return std::nullopt;
  w.business_date = *Date::parse_iso(date);
  w.open_import_runs = parse_ids(open_runs);
  w.open_decisions = parse_ids(open_decisions);
  w.full_run = full != 0;
  return w;
}

ReliefWatermark relief_position(soci::session& sql,
                                const std::optional<ReliefWatermark>& previous) {
  ReliefWatermark w;
  const ReliefWatermark none;
  const ReliefWatermark& p = previous ? *previous : none;
  // An import run's batches commit before its status leaves 'running' (import_run_store.h):
  // a finished run is visible whole; a running one is read again next time.
  position_of(sql, "import_runs", " union select id from import_runs where status = 'running'",
              p.import_run_floor, p.open_import_runs, w.import_run_floor, w.open_import_runs);
  position_of(sql, "relief_decisions", "", p.decision_floor, p.open_decisions, w.decision_floor,
              w.open_decisions);
  return w;
}

void save_relief_watermark(soci::session& sql, const ReliefWatermark& w) {
  std::string date = w.business_date.iso(), runs = pg_bigint_array(w.open_import_runs),
              decisions = pg_bigint_array(w.open_decisions), policy = w.policy_sha256;
  long long run_floor = w.import_run_floor, decision_floor = w.decision_floor;
  int full = w.full_run ? 1 : 0;
  sql << "insert into relief_watermark (id, policy_sha256, business_date, import_run_floor,"
         " open_import_runs, decision_floor, open_decisions, full_run, completed_at)"
         " values (1, :p, cast(:d as date), :rf, cast(:ro as bigint[]), :df,"
         " cast(:od as bigint[]), cast(:full as boolean), now())"
         " on conflict (id) do update set policy_sha256 = excluded.policy_sha256,"
         " business_date = excluded.business_date, import_run_floor = excluded.import_run_floor,"
         " open_import_runs = excluded.open_import_runs,"
         " decision_floor = excluded.decision_floor, open_decisions = excluded.open_decisions,"
         " full_run = excluded.full_run, completed_at = excluded.completed_at",
      soci::use(policy), soci::use(date), soci::use(run_floor), soci::use(runs),
      soci::use(decision_floor), soci::use(decisions), soci::use(full);
}

std::vector<long long> relief_changed_case_ids(soci::session& sql, const ReliefWatermark& since,
                                               Date through) {
  std::string runs = pg_bigint_array(since.open_import_runs);
  std::string decisions = pg_bigint_array(since.open_decisions);
  std::string after = since.business_date.iso(), until = through.iso();
  long long run_floor = since.import_run_floor, decision_floor = since.decision_floor;
  std::vector<long long> ids;
  // The expression matches the index cases_last_change_run.
  soci::rowset<long long> rows =
      (sql.prepare << "select id from cases where coalesce(updated_run_id, import_run_id) > :rf"
                      " or coalesce(updated_run_id, import_run_id) = any(cast(:ro as bigint[]))"
                      " union select case_id from relief_decisions where id > :df"
                      " or id = any(cast(:od as bigint[]))"
                      " union select case_id from relief_assessments"
                      " where due_on > cast(:after as date) and due_on <= cast(:until as date)"
                      " order by 1",
       soci::use(run_floor), soci::use(runs), soci::use(decision_floor), soci::use(decisions),
       soci::use(after), soci::use(until));
  for (long long id : rows) ids.push_back(id);
  return ids;
}

}  // namespace zhixing::inline store
