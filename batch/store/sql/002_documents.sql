-- 002: issued documents. An event is (case, kind, event date, position among the same kind's
-- events on that date); version 1 is the first issue, a clerk's --reissue adds version 2, 3 …
-- beside it. The PDF itself lives in the output folder; the row holds its SHA-256 and path.

create table documents (
  id               bigserial primary key,
  case_id          bigint not null references cases(id),
  kind             text not null,
  event_date       date not null,
  event_position   integer not null check (event_position >= 1),
  version          integer not null default 1 check (version >= 1),
  template_name    text not null,
  template_version text not null,
  sha256           text not null,
  size_bytes       integer not null check (size_bytes > 0),
  pages            integer not null check (pages > 0),
  output_dir       text not null,
  path             text not null,
  issued_by        text not null,
  created_at       timestamptz not null default now(),
  unique (case_id, kind, event_date, event_position, version)
);
create index documents_case on documents (case_id);

grant select, insert on documents to zhixing_app;
grant usage on sequence documents_id_seq to zhixing_app;
