-- 024: incremental relief assessment (issue 17). The night assesses only the candidates whose
-- inputs can have changed since the last completed assessment of every candidate; the
-- watermark below records what that assessment had seen.

-- The first business date on which time alone changes the assessment (its decision year is
-- the business date's year: 1 January of the next year); null when no date can (a panel
-- decision fixes the decision year). Rows stored before this migration get the conservative
-- value (the year after their business date): at most one extra re-assessment each.
alter table relief_assessments add column due_on date;
update relief_assessments
  set due_on = make_date(extract(year from business_date)::int + 1, 1, 1);
create index relief_assessments_due on relief_assessments (due_on) where due_on is not null;

-- The import run that last changed a case (the importer keeps updated_run_id untouched when
-- nothing changed; import_run_id is the creating run): the changed cases of a night by index.
create index if not exists cases_last_change_run
  on cases ((coalesce(updated_run_id, import_run_id)));

-- One row: the last completed relief assessment of every candidate (`zhixing relief assess`,
-- full or incremental). Written after the run's last store; a killed run leaves the previous
-- row, so its successor re-reads everything the killed one would have.
--   policy_sha256       relief::policy_sha256 of the policy used (another → a full run)
--   business_date       the run's business date (an earlier date → a full run)
--   import_run_floor    every import run with id ≤ this had been seen …
--   open_import_runs    … except these: still running, or ids not yet visible (an insert that
--                       commits late); their cases are read again by the next run
--   decision_floor      every relief_decisions row with id ≤ this had been seen …
--   open_decisions      … except these ids, not yet visible then
create table relief_watermark (
  id                smallint primary key default 1 check (id = 1),
  policy_sha256     text not null check (policy_sha256 ~ '^[0-9a-f]{64}$'),
  business_date     date not null,
  import_run_floor  bigint not null,
  open_import_runs  bigint[] not null default '{}',
  decision_floor    bigint not null,
  open_decisions    bigint[] not null default '{}',
  full_run          boolean not null,
  completed_at      timestamptz not null default now()
);

grant select, insert, update on relief_watermark to zhixing_app;
