-- 016: console users can be disabled, and every change of a user's rights ends their sessions
-- (issue 14 item 6). `credential_version` goes up whenever the password, the role or the
-- disabled flag changes; a web session remembers the version it was opened with and ends as soon
-- as the stored one differs. A disabled user cannot log in and is refused as `--user` on the CLI.
-- (Numbered 016 so that it does not collide with the migrations other branches add at 007…015.)

alter table users
  add column disabled           boolean not null default false,
  add column credential_version integer not null default 1 check (credential_version > 0);
