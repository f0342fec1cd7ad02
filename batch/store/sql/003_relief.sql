-- 003: judicial relief (issue 4). Stored assessments (one row per distinct input hash and rule
-- set: re-assessing unchanged inputs writes nothing), the relief cases (司救执) that a panel
-- decision opens, and the per-court-per-year counter their serials come from.

-- An explained assessment of a case's relief application, or of a case on the screening list
-- (no application yet). `rules` is [{"id", "passed", "effect", "reason"}] in the order checked.
-- `assessed_at` is when these inputs were last found current: re-assessing the same inputs
-- never adds a row; inputs that change and change back make the old row current again.
create table relief_assessments (
  id                   bigserial primary key,
  case_id              bigint not null references cases(id),
  application_id       bigint references relief_applications(id),
  kind                 text not null check (kind in ('application', 'screening')),
  ruleset              text not null,
  inputs_sha256        text not null check (inputs_sha256 ~ '^[0-9a-f]{64}$'),
  business_date        date not null,
  outcome              text not null check (outcome in ('eligible', 'ineligible', 'needs_review')),
  proposed_fen         bigint check (proposed_fen >= 0),
  cap_fen              bigint not null check (cap_fen >= 0),
  outstanding_loss_fen bigint not null check (outstanding_loss_fen >= 0),
  basis_item           integer check (basis_item between 0 and 8),
  wage_year            integer,
  rules                jsonb not null,
  created_at           timestamptz not null default now(),
  assessed_at          timestamptz not null default now(),
  unique (case_id, ruleset, inputs_sha256),
  check ((kind = 'application') = (application_id is not null)),
  check ((outcome = 'eligible') = (proposed_fen is not null))
);
create index relief_assessments_latest on relief_assessments (case_id, assessed_at desc, id desc);

-- The relief case (执行司法救助案件, type code 司救执) opened for an application that has a panel
-- decision: （2024）冀0633司救执1号. Serials are per court and year (the decision's year), gapless,
-- taken from relief_case_counters under a row lock in the decision's own transaction. A row is
-- never rewritten: a later, different decision for the same application is a conflict.
create table relief_decisions (
  id                 bigserial primary key,
  case_number        text not null unique,
  court_code         text not null references courts(code),
  year               integer not null,
  serial             integer not null check (serial >= 1),
  case_id            bigint not null references cases(id),
  application_id     bigint not null unique references relief_applications(id),
  applicant          bigint not null references parties(id),
  applied_on         date not null,
  decided_on         date not null,
  granted            boolean not null,
  amount_fen         bigint check (amount_fen > 0),
  exception_approved boolean not null default false,
  basis_item         text not null,
  members            text[] not null check (cardinality(members) >= 1),
  source             text not null check (source in ('import', 'user')),
  decided_by         bigint references users(id),
  created_at         timestamptz not null default now(),
  unique (court_code, year, serial),
  check (year = extract(year from decided_on)),
  check (granted = (amount_fen is not null)),
  check ((source = 'user') = (decided_by is not null))
);
create index relief_decisions_case on relief_decisions (case_id);

create table relief_case_counters (
  court_code  text not null references courts(code),
  year        integer not null,
  last_serial integer not null default 0 check (last_serial >= 0),
  primary key (court_code, year)
);

grant select, insert, update on relief_assessments to zhixing_app;
grant select, insert on relief_decisions to zhixing_app;
grant select, insert, update on relief_case_counters to zhixing_app;
grant usage on sequence relief_assessments_id_seq, relief_decisions_id_seq to zhixing_app;
