-- 005: the job repository (Spring Batch's vocabulary). A job instance is a job name plus its
-- identifying parameters (nightly + business date; a clerk batch + its request id); an execution
-- is one attempt at an instance; a step execution records its counts; an item failure is one
-- failing item that was recorded (and skipped, up to the skip limit). Work items are the queue
-- that the launching process and any `zhixing worker` share.

create table job_instances (
  id         bigserial primary key,
  job_name   text not null,          -- nightly, batch
  job_key    text not null,          -- the identifying parameters, canonical: "business_date=2024-12-31"
  parameters jsonb not null default '{}',
  created_at timestamptz not null default now(),
  unique (job_name, job_key)
);

create table job_executions (
  id           bigserial primary key,
  instance_id  bigint not null references job_instances(id),
  status       text not null check (status in ('running', 'completed', 'failed', 'stopped', 'abandoned')),
  host         text not null,
  pid          integer not null,
  started_by   text not null,
  started_at   timestamptz not null default now(),
  ended_at     timestamptz,
  heartbeat_at timestamptz not null default now(),
  exit_code    integer,
  message      text,
  restart_of   bigint references job_executions(id),
  check ((status = 'running') = (ended_at is null))
);
-- At most one running execution per instance: the backstop behind the launch's row lock, so
-- that of two simultaneous launches exactly one wins, on first launch and on restart alike.
create unique index job_executions_one_running on job_executions (instance_id) where status = 'running';
create index job_executions_instance on job_executions (instance_id, id);

create table step_executions (
  id            bigserial primary key,
  execution_id  bigint not null references job_executions(id),
  position      integer not null,
  step_name     text not null,
  status        text not null check (status in ('running', 'completed', 'failed', 'stopped', 'disabled')),
  read_count    bigint not null default 0 check (read_count >= 0),
  written_count bigint not null default 0 check (written_count >= 0),
  skipped_count bigint not null default 0 check (skipped_count >= 0),
  failed_count  bigint not null default 0 check (failed_count >= 0),
  started_at    timestamptz not null default now(),
  ended_at      timestamptz,
  seconds       double precision,
  message       text,
  unique (execution_id, step_name)
);

-- Processes working on an execution: the launcher and every `zhixing worker` that joined it.
-- A claimed item whose worker stopped beating is claimable again.
create table job_workers (
  id           bigserial primary key,
  execution_id bigint not null references job_executions(id),
  host         text not null,
  pid          integer not null,
  role         text not null check (role in ('launcher', 'worker')),
  started_at   timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  ended_at     timestamptz
);
create index job_workers_execution on job_workers (execution_id);

-- The queue. The key (instance, step, case, kind, event date, position) makes planning the
-- same item twice a no-op; the documents table's own unique key makes issuing it twice
-- impossible.
create table work_items (
  id                bigserial primary key,
  instance_id       bigint not null references job_instances(id),
  step_name         text not null,
  case_id           bigint not null references cases(id),
  case_number       text not null,
  kind              text not null,
  event_date        date not null,
  event_position    integer not null check (event_position >= 1),
  priority          integer not null default 1,   -- 0: livelihood cases, rendered first
  status            text not null default 'pending'
                    check (status in ('pending', 'claimed', 'done', 'failed')),
  attempts          integer not null default 0,
  claimed_by        bigint references job_workers(id),
  claimed_at        timestamptz,
  execution_id      bigint references job_executions(id),  -- the execution that finished it
  finished_at       timestamptz,
  outcome           text check (outcome in ('written', 'reused', 'kept')),
  document_id       bigint references documents(id),
  error_code        text,
  unique (instance_id, step_name, case_id, kind, event_date, event_position)
);
create index work_items_pending on work_items (instance_id, step_name, priority, case_number, kind, event_date, event_position)
  where status in ('pending', 'claimed');
create index work_items_execution on work_items (execution_id, step_name, status);

create table item_failures (
  id             bigserial primary key,
  execution_id   bigint not null references job_executions(id),
  step_name      text not null,
  case_id        bigint references cases(id),
  case_number    text,
  document_kind  text,
  event_date     date,
  event_position integer,
  error_code     text not null,
  message        text not null,
  created_at     timestamptz not null default now()
);
create index item_failures_execution on item_failures (execution_id);

-- update on job_instances only for the launch's row lock (select … for update)
grant select, insert, update on job_instances to zhixing_app;
grant select, insert, update on job_executions, step_executions, job_workers, work_items to zhixing_app;
grant select, insert on item_failures to zhixing_app;
grant usage on sequence job_instances_id_seq, job_executions_id_seq, step_executions_id_seq,
  job_workers_id_seq, work_items_id_seq, item_failures_id_seq to zhixing_app;
