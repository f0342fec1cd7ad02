-- 008: the ordinal of each ruling (执行裁定书) of a case, which tells the case's rulings apart:
-- 0 is the case number alone, n is 之n (法〔2016〕37号; documents/kinds/ruling_numbers.h).
-- Assigned once, when the ruling's event is planned (nightly or a clerk's batch), under the case's
-- advisory lock; never updated or deleted, so a rerun, a restart, another worker or a reissue
-- finds the same number. Several rulings issued before this table existed all keep ordinal 0
-- (the number they were issued with); after them, ordinals are unique within the case.

create table ruling_numbers (
  case_id        bigint not null references cases(id),
  kind           text not null check (kind in ('ruling-freeze', 'ruling-seal', 'ruling-zhongben')),
  event_date     date not null,
  event_position integer not null check (event_position >= 1),
  ordinal        integer not null check (ordinal >= 0),
  created_at     timestamptz not null default now(),
  primary key (case_id, kind, event_date, event_position)
);
create unique index ruling_numbers_ordinal on ruling_numbers (case_id, ordinal) where ordinal > 0;

grant select, insert on ruling_numbers to zhixing_app;
