-- 006: the web console (issue 7). Every request and action of `zhixing serve` is recorded here:
-- who (user name and role, empty before login), what (action and target), when, from where
-- (remote address) and the result (ok or the error code, with the HTTP status). The runtime
-- role may only insert and read, so the console cannot rewrite its own history.
-- Passwords live in users.password_hash (001): "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".

create table audit_log (
  id          bigserial primary key,
  at          timestamptz not null default now(),
  user_name   text not null default '',
  role        text not null default '',
  action      text not null check (action <> ''),
  target      text not null default '',
  remote_addr text not null default '',
  result      text not null check (result <> ''),
  http_status integer not null
);
create index audit_log_at on audit_log (at);
create index audit_log_user on audit_log (user_name, at);

grant select, insert on audit_log to zhixing_app;
grant usage on sequence audit_log_id_seq to zhixing_app;
