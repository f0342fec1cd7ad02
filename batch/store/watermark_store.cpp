#include "store/watermark_store.h"

#include <algorithm>

#include "store/pg_array.h"

namespace zhixing::inline store {

namespace {

// The advisory lock the marked tables' insert triggers take shared (migration 023).
constexpr long long kWatermarkLock = 7320200;

std::vector<long long> ids_of(soci::rowset<long long>& rows) {
  std::vector<long long> ids;
  for (long long id : rows) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<long long> parse_bigint_array(const std::string& text) {
  std::vector<long long> out;
  for (const auto& v : parse_pg_text_array(text)) out.push_back(std::stoll(v));
  return out;
}

}  // namespace

ChangeMarks read_change_marks(soci::session& sql) {
  ChangeMarks m;
  std::string open;
  soci::transaction tx(sql);
  sql << "select pg_advisory_xact_lock(:k)", soci::use(kWatermarkLock);
  // One statement, one snapshot, taken after the lock: every id at or below a mark is visible.
  sql << "select (select coalesce(max(id), 0) from import_runs),"
         " (select coalesce(array_agg(id order by id), '{}') from import_runs"
         "   where status = 'running')::text,"
         " (select coalesce(max(id), 0) from relief_decisions),"
         " (select coalesce(max(id), 0) from ledger_transactions)",
      soci::into(m.import_run), soci::into(open), soci::into(m.decision), soci::into(m.ledger);
  tx.commit();
  m.open_import_runs = parse_bigint_array(open);
  return m;
}

long long record_watermark(soci::session& sql, const Watermark& w) {
  std::string stream = w.stream, date = w.business_date.iso(),
              open = pg_bigint_array(w.marks.open_import_runs);
  long long exec = w.execution_id.value_or(0), run = w.marks.import_run,
            decision = w.marks.decision, ledger = w.marks.ledger, id = 0;
  soci::indicator exec_ind = w.execution_id ? soci::i_ok : soci::i_null;
  int full = w.full_plan ? 1 : 0;
  sql << "insert into plan_watermarks (stream, business_date, execution_id, import_run_mark,"
         " open_import_runs, decision_mark, ledger_mark, full_plan) values (:s, cast(:d as date),"
         " :e, :r, cast(:o as bigint[]), :dm, :lm, cast(:f as boolean)) returning id",
      soci::use(stream), soci::use(date), soci::use(exec, exec_ind), soci::use(run),
      soci::use(open), soci::use(decision), soci::use(ledger), soci::use(full), soci::into(id);
  return id;
}

std::optional<Watermark> last_watermark(soci::session& sql, const std::string& stream) {
  std::string s = stream;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select id, to_char(business_date, 'YYYY-MM-DD'), execution_id,"
                      " import_run_mark, open_import_runs::text, decision_mark, ledger_mark,"
                      " full_plan::int from plan_watermarks where stream = :s"
                      " order by id desc limit 1",
       soci::use(s));
  for (const auto& r : rows) {
    Watermark w;
    w.id = r.get<long long>(0);
    w.stream = stream;
    w.business_date = *Date::parse_iso(r.get<std::string>(1));
    if (r.get_indicator(2) == soci::i_ok) w.execution_id = r.get<long long>(2);
    w.marks.import_run = r.get<long long>(3);
    w.marks.open_import_runs = parse_bigint_array(r.get<std::string>(4));
    w.marks.decision = r.get<long long>(5);
    w.marks.ledger = r.get<long long>(6);
    w.full_plan = r.get<int>(7) != 0;
    return w;
  }
  return std::nullopt;
}

std::vector<long long> cases_imported_since(soci::session& sql, const ChangeMarks& since) {
  long long mark = since.import_run;
  std::string open = pg_bigint_array(since.open_import_runs);
  // Two index scans on the same expression (cases_last_change_run), not one OR.
  soci::rowset<long long> rows =
      (sql.prepare << "select id from cases where coalesce(updated_run_id, import_run_id) > :m"
                      " union select id from cases"
                      " where coalesce(updated_run_id, import_run_id) = any(cast(:o as bigint[]))",
       soci::use(mark), soci::use(open));
  return ids_of(rows);
}

std::vector<long long> cases_decided_since(soci::session& sql, const ChangeMarks& since) {
  long long mark = since.decision;
  soci::rowset<long long> rows =
      (sql.prepare << "select case_id from relief_decisions where id > :m", soci::use(mark));
  return ids_of(rows);
}

std::vector<long long> cases_granted_since(soci::session& sql, const ChangeMarks& since) {
  long long mark = since.ledger;
  // A grant names its decision; a reversal names the transaction it reverses.
  soci::rowset<long long> rows =
      (sql.prepare << "select d.case_id from ledger_transactions t"
                      " left join ledger_transactions g on g.id = t.reverses_transaction_id"
                      " join relief_decisions d"
                      "   on d.case_number = coalesce(t.decision_number, g.decision_number)"
                      " where t.id > :m and (t.kind = 'grant' or g.kind = 'grant')",
       soci::use(mark));
  return ids_of(rows);
}

std::vector<long long> cases_with_events_between(soci::session& sql, Date after, Date through,
                                                 const EventDates& dates) {
  if (!(after < through)) return {};
  // Dates are digits and dashes (Date::iso): written into the statement as literals.
  const auto between = [&](const std::string& column) {
    return column + " > date '" + after.iso() + "' and " + column + " <= date '" + through.iso() +
           "'";
  };
  std::vector<std::string> parts;
  if (dates.measures) parts.push_back("select case_id from measures where " + between("taken_on"));
  if (dates.zhongben_closures)
    parts.push_back("select id from cases where closure_kind = 'terminated_current' and " +
                    between("closed_on"));
  if (dates.settlements)
    parts.push_back("select case_id from settlements where " + between("signed_on"));
  if (dates.relief_decisions)
    parts.push_back("select case_id from relief_decisions where " + between("decided_on") +
                    (dates.granted_only ? " and granted" : ""));
  if (parts.empty()) return {};
  std::string query;
  for (const auto& p : parts) query += (query.empty() ? "" : " union ") + p;
  soci::rowset<long long> rows = (sql.prepare << query);
  return ids_of(rows);
}

std::vector<long long> cases_with_unfinished_items(soci::session& sql, const std::string& job,
                                                   const std::string& step) {
  std::string j = job, s = step;
  soci::rowset<long long> rows =
      (sql.prepare << "select distinct w.case_id from work_items w"
                      " join job_instances i on i.id = w.instance_id and i.job_name = :j"
                      " where w.step_name = :s and w.status <> 'done'"
                      " and not exists (select 1 from documents d where d.case_id = w.case_id"
                      "   and d.kind = w.kind and d.event_date = w.event_date"
                      "   and d.event_position = w.event_position)",
       soci::use(j), soci::use(s));
  return ids_of(rows);
}

}  // namespace zhixing::inline store
