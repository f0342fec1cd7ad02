-- Set-based import (issue 17): a hash of the case row's importable facts, so that an update
-- compares before it writes, and the import contract on cases, documented in the schema.
alter table cases add column row_sha256 text;

comment on column cases.row_sha256 is
  'SHA-256 of the case row''s facts as the import last wrote them (case_rows::case_row_sha256);'
  ' null for rows written before migration 022: the next update of such a case rewrites it.';
comment on column cases.import_run_id is
  'The import run that created the case.';
comment on column cases.updated_run_id is
  'The import run that last changed anything of the case: the case row or any of its parties,'
  ' agents, measures, settlement, installments, receipts or relief application. Left untouched'
  ' by a line that changes nothing. Null while only the creating run changed the case.';
comment on column cases.updated_line is
  'The line of updated_run_id''s file that made that change.';


-- An update of a case (at least updated_run_id) then fits on the row's own page, a HOT update
-- that writes no index entries, as long as no indexed column changes. Applies to pages written
-- from now on.
alter table cases set (fillfactor = 85);
