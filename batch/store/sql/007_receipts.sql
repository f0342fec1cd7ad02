-- 007: a case's receipts (执行款到账, zhixing.case/1 `receipts`) and the closure's
-- applicant_informed_on (issue 13). Receipts are append-only: the importer adds rows and never
-- updates or deletes one (the runtime role gets no update or delete). receipts_recorded tells
-- a record that carries `receipts` (even an empty list: nothing received) from one without.

alter table cases add column receipts_recorded boolean not null default false;
alter table cases add column applicant_informed_on date;
alter table cases add constraint cases_informed_within_case
  check (applicant_informed_on is null
         or (closed_on is not null and applicant_informed_on between filed_on and closed_on));

create table receipts (
  id            bigserial primary key,
  case_id       bigint not null references cases(id),
  position      integer not null,
  received_on   date not null,
  amount_fen    bigint not null check (amount_fen > 0),
  source        text check (source in ('deduct', 'payment', 'auction', 'other')),
  reference     text,
  import_run_id bigint,
  source_line   integer,
  unique (case_id, position),
  unique (case_id, reference)
);

grant select, insert on receipts to zhixing_app;
grant usage on sequence receipts_id_seq to zhixing_app;
