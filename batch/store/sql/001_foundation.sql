-- 001: courts, users, import runs, cases and everything a case record carries, quarantine.
-- Provenance (import_run_id, source_line) is enforced by a foreign key on cases and quarantine;
-- child rows written in the same transaction carry the same run without a per-row check.
-- Owned by zhixing_owner; the runtime role zhixing_app owns nothing and gets only the grants
-- below. Money is bigint fen. Rows that came from an import record the run and source line.

create table courts (
  code      text primary key,
  name      text not null,
  president text not null default ''
);

create table users (
  id            bigserial primary key,
  name          text not null unique,
  role          text not null check (role in ('clerk', 'finance', 'auditor', 'admin')),
  password_hash text,
  created_at    timestamptz not null default now()
);

create table import_runs (
  id          bigserial primary key,
  file_name   text not null,
  file_sha256 text,
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  lines       integer not null default 0,
  inserted    integer not null default 0,
  updated     integer not null default 0,
  unchanged   integer not null default 0,
  rejected    integer not null default 0,
  status      text not null default 'running' check (status in ('running', 'completed', 'failed'))
);

create table cases (
  id                bigserial primary key,
  case_number       text not null unique,
  court_code        text not null references courts(code),
  year              integer not null,
  type_code         text not null,
  serial            bigint not null,
  filed_on          date not null,
  cause             text not null,
  title_document    jsonb,
  categories        text[] not null default '{}',
  livelihood        boolean not null default false,
  filing_fee_fen    bigint check (filing_fee_fen >= 0),
  extensions        jsonb not null default '[]',
  excluded_periods  jsonb not null default '[]',
  claim_fen         bigint not null check (claim_fen >= 0),
  recovered_fen     bigint not null default 0 check (recovered_fen >= 0 and recovered_fen <= claim_fen),
  status            text not null check (status in ('open', 'suspended', 'closed')),
  closure_kind      text check (closure_kind in ('performed', 'terminated_current', 'terminated',
                                                 'withdrawn', 'rejected', 'transferred')),
  closed_on         date,
  applicant_consents boolean not null default false,
  executing_court   text references courts(code),
  officers          jsonb not null,
  record_sha256     text not null,
  import_run_id     bigint references import_runs(id),
  source_line       integer,
  updated_run_id    bigint references import_runs(id),
  updated_line      integer,
  unique (court_code, year, type_code, serial),
  check ((status = 'closed') = (closure_kind is not null)),
  check (closed_on is null or closed_on >= filed_on)
);
create index cases_court_year on cases (court_code, year);
create index cases_status on cases (status, closure_kind);

-- Every distinct line that made or updated a case: an identical line again is a no-op.
create table case_sources (
  case_id       bigint not null references cases(id),
  record_sha256 text not null,
  import_run_id bigint,
  source_line   integer,
  primary key (case_id, record_sha256)
);

create table parties (
  id           bigserial primary key,
  case_id      bigint not null references cases(id),
  party_key    text not null,
  position     integer not null,
  role         text not null check (role in ('applicant', 'respondent', 'guarantor', 'third_party')),
  kind         text not null check (kind in ('person', 'org')),
  name         text not null,
  address      text not null,
  phone        text,
  gender       text check (gender in ('男', '女')),
  birth_date   date,
  ethnicity    text,
  occupation   text,
  id_number    text,
  uscc         text,
  legal_rep    jsonb,
  bank_name    text,
  bank_account text,
  import_run_id bigint,
  source_line  integer,
  unique (case_id, party_key),
  check ((kind = 'person') = (id_number is not null)),
  check ((kind = 'org') = (uscc is not null))
);

create table agents (
  id                bigserial primary key,
  party_id          bigint not null references parties(id),
  position          integer not null,
  name              text not null,
  kind              text not null check (kind in ('lawyer', 'relative', 'other')),
  firm              text,
  special_authority boolean not null default false,
  unique (party_id, position)
);

create table measures (
  id            bigserial primary key,
  case_id       bigint not null references cases(id),
  position      integer not null,
  kind          text not null,
  taken_on      date not null,
  against_party bigint not null references parties(id),
  amount_fen    bigint check (amount_fen >= 0),
  target        text,
  period        text,
  note          text,
  result        text check (result in ('found', 'none')),
  import_run_id bigint,
  source_line   integer,
  unique (case_id, position)
);
create index measures_kind_date on measures (kind, taken_on);

create table settlements (
  id            bigserial primary key,
  case_id       bigint not null unique references cases(id),
  signed_on     date not null,
  total_fen     bigint not null check (total_fen >= 0),
  grace_days    integer not null default 15,
  guarantor     bigint references parties(id),
  place         text,
  import_run_id bigint,
  source_line   integer
);

create table installments (
  settlement_id bigint not null references settlements(id) on delete cascade,
  position      integer not null,
  due_on        date not null,
  amount_fen    bigint not null check (amount_fen > 0),
  primary key (settlement_id, position)
);

create table relief_applications (
  id                            bigserial primary key,
  case_id                       bigint not null unique references cases(id),
  applicant                     bigint not null references parties(id),
  applied_on                    date not null,
  ground                        text not null check (ground in ('support', 'tort_injury', 'crime_victim', 'retaliation', 'other')),
  basis_item                    text not null,
  household_size                integer check (household_size >= 1),
  household_monthly_income_fen  bigint check (household_monthly_income_fen >= 0),
  has_dibao                     boolean,
  medical_expenses_fen          bigint check (medical_expenses_fen >= 0),
  prior_compensation_fen        bigint check (prior_compensation_fen >= 0),
  flags                         text[] not null default '{}',
  panel_decided_on              date,
  panel_granted                 boolean,
  panel_amount_fen              bigint check (panel_amount_fen >= 0),
  panel_members                 text[],
  panel_exception_approved      boolean not null default false,
  panel_source                  text check (panel_source in ('import', 'user')),
  import_run_id                 bigint,
  source_line                   integer
);

-- Rejected input lines, each once: the same bad line imported again is not stored again.
create table quarantine (
  id            bigserial primary key,
  import_run_id bigint not null references import_runs(id),
  file_name     text not null,
  line_no       integer not null,
  code          text not null,
  field         text,
  message       text not null,
  case_number   text,
  line_sha256   text not null unique,
  line_bytes    integer not null,
  line_head     bytea not null,      -- at most the first 64 KiB of the line, as received
  created_at    timestamptz not null default now()
);

grant select on courts to zhixing_app;
grant select, insert, update on users to zhixing_app;
grant select, insert, update on import_runs to zhixing_app;
grant select, insert, update on cases, parties, agents, measures, settlements, relief_applications to zhixing_app;
grant select, insert, delete on installments to zhixing_app;
grant select, insert, delete on agents to zhixing_app;
grant select, insert on case_sources, quarantine to zhixing_app;
grant usage on all sequences in schema public to zhixing_app;
