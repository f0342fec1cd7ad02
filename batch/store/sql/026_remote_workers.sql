-- 026: remote workers. (1) A `zhixing worker` on another machine connects as zhixing_worker, a
-- role that reads what rendering reads and writes only what rendering and a worker's
-- registration write. The role is cluster-wide: `zhixing db start` creates it on the private
-- server (without a password: the private server admits it nowhere); on a system server the
-- administrator creates it before this migration (README, "Remote workers").
-- (2) Such a worker does not write files: it stores each rendered PDF in document_deliveries, in
-- the transaction that records its documents row (output_dir ''), and the process that launched
-- the execution writes it into its own output folder (temporary file + rename, SHA-256 checked
-- against the documents row), records that folder in the row and deletes the delivery.

create table document_deliveries (
  document_id bigint primary key references documents(id),
  instance_id bigint not null references job_instances(id),  -- whose launcher writes it out
  worker_id   bigint references job_workers(id),               -- the worker that rendered it
  sha256      text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  pdf         bytea not null check (octet_length(pdf) > 0),
  created_at  timestamptz not null default now()
);
create index document_deliveries_instance on document_deliveries (instance_id, document_id);

-- The launcher records where it wrote a delivered document: output_dir only (and only this
-- column); every other column of documents stays insert-only for the runtime role.
grant select, insert, delete on document_deliveries to zhixing_app;
grant update (output_dir) on documents to zhixing_app;

-- The worker role. Reads: the schema version and court list (the start-up check), the case
-- tables rendering loads, the relief records and posted grants the relief documents and
-- vouchers print (ledger: read only), ruling numbers and issued documents, the job tables a
-- worker follows. Writes: its registration and heartbeat (job_workers), the queue's items
-- (claim, done, failed, release: UPDATE of the state columns), failing items (item_failures), documents and
-- deliveries, and ruling_numbers (INSERT: a queue planned by a version before 008 numbers its
-- rulings when rendered; insert-only, under the case's advisory lock, the number printed on
-- the document). Nothing else: no cases, parties, relief or ledger writes, no users, audit log,
-- import runs, watermarks or counters.
grant select on schema_migrations, courts, cases, parties, agents, measures, settlements,
  installments, receipts, relief_applications, relief_assessments, relief_decisions,
  ledger_transactions, ledger_vouchers, ruling_numbers, documents, job_instances, job_executions,
  step_executions, job_workers, work_items to zhixing_worker;
grant insert on job_workers, item_failures, documents, document_deliveries, ruling_numbers
  to zhixing_worker;
-- UPDATE by column: a claim, done, failed or release changes only an item's state; a worker
-- changes only its heartbeat and end (never a queue's key, case or priority, nor another row's
-- execution).
-- ON CONFLICT (document_id) DO NOTHING reads the conflict column: a rerun's delivery of a
-- document delivered already is a no-op.
grant select (document_id) on document_deliveries to zhixing_worker;
grant update (status, claimed_by, claimed_at, attempts, outcome, document_id, execution_id,
  finished_at, error_code) on work_items to zhixing_worker;
grant update (heartbeat_at, ended_at) on job_workers to zhixing_worker;
grant usage on sequence job_workers_id_seq, item_failures_id_seq, documents_id_seq
  to zhixing_worker;
