-- 023: incremental planning (issue 17). The night plans only the cases whose due documents can
-- have changed since the last completed plan; a watermark records what that plan had seen.
-- store/watermark_store.h describes the marks and why they stay correct while other
-- transactions commit around them.

-- A completed plan of one stream ("plan-documents", "plan-vouchers"): the business date it
-- planned through, and the marks read before it read any case:
--   import_run_mark    every import run with id <= this had started, and its rows were visible …
--   open_import_runs   … except the changes of these runs, still running then (a run changes
--                      cases only while its status is 'running'); their cases count as changed
--   decision_mark      every relief_decisions row with id <= this was committed and visible
--   ledger_mark        every ledger_transactions row with id <= this was committed and visible
-- Rows are only added; the latest row of a stream is the base of its next incremental plan.
create table plan_watermarks (
  id               bigserial primary key,
  stream           text not null check (stream <> ''),
  business_date    date not null,
  execution_id     bigint references job_executions(id),
  import_run_mark  bigint not null check (import_run_mark >= 0),
  open_import_runs bigint[] not null default '{}',
  decision_mark    bigint not null check (decision_mark >= 0),
  ledger_mark      bigint not null check (ledger_mark >= 0),
  full_plan        boolean not null,
  recorded_at      timestamptz not null default now()
);
create index plan_watermarks_stream on plan_watermarks (stream, id);

-- Inserts into the marked tables commit before the marks are read, or get ids above them:
-- each inserting statement takes this shared advisory lock (held to its transaction's end)
-- before its rows take ids from the sequence; read_change_marks takes it exclusively, so it
-- waits for the inserts in flight and reads the highest ids with nothing uncommitted below.
create function watermark_writer_lock() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock_shared(7320200);
  return null;
end $$;

create trigger import_runs_watermark_lock before insert on import_runs
  for each statement execute function watermark_writer_lock();
create trigger relief_decisions_watermark_lock before insert on relief_decisions
  for each statement execute function watermark_writer_lock();
create trigger ledger_transactions_watermark_lock before insert on ledger_transactions
  for each statement execute function watermark_writer_lock();

-- What an incremental plan reads by index: the cases an import run created or changed
-- (the same index as 024's, by name: whichever migration runs first creates it) …
create index if not exists cases_last_change_run
  on cases ((coalesce(updated_run_id, import_run_id)));
-- … the events newly due by date …
create index if not exists measures_taken_on on measures (taken_on);
create index if not exists cases_zhongben_closed_on on cases (closed_on)
  where closure_kind = 'terminated_current';
create index if not exists settlements_signed_on on settlements (signed_on);
create index if not exists relief_decisions_decided_on on relief_decisions (decided_on);
-- … and the items not done (failed, skipped, or left pending by a stopped night).
create index if not exists work_items_unfinished on work_items (step_name, case_id)
  where status <> 'done';

grant select, insert on plan_watermarks to zhixing_app;
grant usage on sequence plan_watermarks_id_seq to zhixing_app;
