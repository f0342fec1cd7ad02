#include "store/work_queue_store.h"

#include <algorithm>
#include <tuple>

#include "store/pg_array.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {

long long plan_work_items(soci::session& sql, long long instance_id, const std::string& step,
                          const std::vector<PlannedItem>& items) {
  if (items.empty()) return 0;
  soci::transaction tx(sql);
  sql << "set local client_min_messages = warning";  // "already exists, skipping" from the 2nd
                                                     // chunk on
  sql << "create temporary table if not exists planned_items (case_id bigint, case_number text,"
         " kind text, event_date date, event_position integer, priority integer)"
         " on commit delete rows";
  {
    CopyIn copy(sql, "copy planned_items from stdin");
    for (const auto& it : items) {
      copy.field(it.case_id).field(it.case_number).field(it.kind).field(it.event_date.iso());
      copy.field(static_cast<long long>(it.event_position))
          .field(static_cast<long long>(it.priority));
      copy.end_row();
    }
    copy.finish();
  }
  long long inserted = 0;
  std::string s = step;
  sql << "with ins as (insert into work_items (instance_id, step_name, case_id, case_number, kind,"
         " event_date, event_position, priority)"
         " select :i, :s, case_id, case_number, kind, event_date, event_position, priority"
         " from planned_items order by priority, case_number, kind, event_date, event_position"
         " on conflict (instance_id, step_name, case_id, kind, event_date, event_position)"
         " do nothing returning 1) select count(*) from ins",
      soci::use(instance_id), soci::use(s), soci::into(inserted);
  tx.commit();
  return inserted;
}

std::vector<ClaimedItem> claim_work_items(
    soci::session& sql, long long instance_id, const std::string& step, long long worker_id, int n,
    int stale_after_seconds, const std::optional<std::vector<std::string>>& only_kinds) {
  std::string s = step;
  double stale = stale_after_seconds;
  // NULL: every kind; else the text[] of the kinds that may be claimed.
  std::string kinds = only_kinds ? pg_text_array(*only_kinds) : std::string();
  soci::indicator kinds_ind = only_kinds ? soci::i_ok : soci::i_null;
  // One statement, its own short transaction: the rows are locked only while being marked.
  // A claimed item is taken over only when its worker is SEEN to be ended or stale. The test is
  // positive on purpose: when another worker claims a row between this statement's snapshot and
  // its lock, PostgreSQL re-checks the row's new version (claimed_by = that worker) against this
  // statement's older snapshot, in which a worker registered since is invisible. "No live worker
  // exists" would then hold and the item would be claimed twice; "a dead worker exists" does not.
  soci::rowset<soci::row> rows =
      (sql.prepare << "with c as (select w.id from work_items w"
                      " where w.instance_id = :i and w.step_name = :s and (w.status = 'pending'"
                      "   or (w.status = 'claimed' and exists (select 1 from job_workers k"
                      "       where k.id = w.claimed_by and (k.ended_at is not null"
                      "       or k.heartbeat_at <= now() - make_interval(secs => :stale)))))"
                      " and w.kind = any(coalesce(cast(:kinds as text[]), array[w.kind]))"
                      " order by w.priority, w.case_number, w.kind, w.event_date, w.event_position"
                      " limit :n for update skip locked)"
                      " update work_items w set status = 'claimed', claimed_by = :worker, "
                      "claimed_at = now(),"
                      " attempts = w.attempts + 1 from c where w.id = c.id"
                      " returning w.id, w.case_id, w.case_number, w.kind,"
                      " to_char(w.event_date, 'YYYY-MM-DD'), w.event_position, w.priority",
       soci::use(instance_id), soci::use(s), soci::use(stale), soci::use(kinds, kinds_ind),
       soci::use(n), soci::use(worker_id));
  std::vector<std::pair<int, ClaimedItem>> sorted;
  for (const auto& r : rows) {
    ClaimedItem it;
    it.id = r.get<long long>(0);
    it.case_id = r.get<long long>(1);
    it.case_number = r.get<std::string>(2);
    it.kind = r.get<std::string>(3);
    it.event_date = *Date::parse_iso(r.get<std::string>(4));
    it.event_position = r.get<int>(5);
    sorted.push_back({r.get<int>(6), std::move(it)});
  }
  // UPDATE … RETURNING comes back in no particular order: queue order again.
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.case_number, a.second.kind, a.second.event_date,
                    a.second.event_position) < std::tie(b.first, b.second.case_number,
                                                        b.second.kind, b.second.event_date,
                                                        b.second.event_position);
  });
  std::vector<ClaimedItem> out;
  for (auto& [p, it] : sorted) out.push_back(std::move(it));
  return out;
}

void release_work_items(soci::session& sql, const std::vector<long long>& item_ids,
                        long long worker_id) {
  if (item_ids.empty()) return;
  std::string ids = pg_bigint_array(item_ids);
  sql << "update work_items set status = 'pending', claimed_by = null, claimed_at = null,"
         " attempts = greatest(attempts - 1, 0)"
         " where id = any(cast(:ids as bigint[])) and claimed_by = :w and status = 'claimed'",
      soci::use(ids), soci::use(worker_id);
}

bool complete_work_item(soci::session& sql, long long item_id, long long worker_id,
                        long long execution_id, const std::string& outcome,
                        std::optional<long long> document_id) {
  std::string o = outcome;
  long long doc = document_id.value_or(0);
  soci::indicator doc_ind = document_id ? soci::i_ok : soci::i_null;
  long long changed = 0;
  sql << "with u as (update work_items set status = 'done', outcome = :o, document_id = :d,"
         " execution_id = :e, finished_at = now(), error_code = null"
         " where id = :id and status = 'claimed' and claimed_by = :w returning 1)"
         " select count(*) from u",
      soci::use(o), soci::use(doc, doc_ind), soci::use(execution_id), soci::use(item_id),
      soci::use(worker_id), soci::into(changed);
  return changed == 1;
}

bool fail_work_item(soci::session& sql, long long item_id, long long worker_id,
                    long long execution_id, const std::string& error_code) {
  std::string code = error_code;
  long long changed = 0;
  sql << "with u as (update work_items set status = 'failed', error_code = :c, execution_id = :e,"
         " finished_at = now() where id = :id and status = 'claimed' and claimed_by = :w"
         " returning 1) select count(*) from u",
      soci::use(code), soci::use(execution_id), soci::use(item_id), soci::use(worker_id),
      soci::into(changed);
  return changed == 1;
}

std::vector<std::string> open_work_item_kinds(soci::session& sql, long long instance_id,
                                              const std::string& step) {
  std::string s = step;
  std::vector<std::string> kinds;
  soci::rowset<std::string> rows =
      (sql.prepare << "select distinct kind from work_items where instance_id = :i"
                      " and step_name = :s and status in ('pending', 'claimed') order by kind",
       soci::use(instance_id), soci::use(s));
  for (const auto& k : rows) kinds.push_back(k);
  return kinds;
}

namespace {
QueueCounts read_counts(soci::session& sql, const std::string& where, long long key,
                        const std::string& step) {
  QueueCounts c;
  std::string s = step;
  sql << "select count(*) filter (where status = 'pending'), count(*) filter (where status = "
         "'claimed'),"
         " count(*) filter (where status = 'done'), count(*) filter (where status = 'failed'),"
         " count(*) filter (where outcome = 'written'),"
         " count(*) filter (where status = 'failed' and error_code = 'precondition_failed')"
         " from work_items where " +
             where + " = :k and step_name = :s",
      soci::use(key), soci::use(s), soci::into(c.pending), soci::into(c.claimed),
      soci::into(c.done), soci::into(c.failed), soci::into(c.written), soci::into(c.refused);
  return c;
}
}  // namespace

QueueCounts work_item_counts(soci::session& sql, long long instance_id, const std::string& step) {
  return read_counts(sql, "instance_id", instance_id, step);
}

QueueCounts work_item_counts_for_execution(soci::session& sql, long long execution_id,
                                           const std::string& step) {
  return read_counts(sql, "execution_id", execution_id, step);
}

void retry_failed_work_items(soci::session& sql, long long instance_id) {
  sql << "update work_items set status = 'pending', claimed_by = null, error_code = null"
         " where instance_id = :i and status = 'failed'",
      soci::use(instance_id);
}

}  // namespace zhixing::inline store
