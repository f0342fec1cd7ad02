-- 025: the import's references checked per statement instead of per row (issue 17).
--
-- A foreign key checks each inserted row by its own query (one SPI call per referencing row):
-- for 100,000 new cases that is about 1.2 million lookups and half of the server's time in the
-- import. The references written by the import (a case's court and import runs, and every row
-- that belongs to a case, a party or a settlement) are checked instead once per statement, over
-- all the rows the statement wrote (its transition table), by one anti-join. The guarantee is
-- the same: a statement that would leave a row pointing at nothing fails with SQLSTATE 23503
-- (foreign_key_violation), naming the table, the column and one missing value, and rolls back.
-- The other direction (a referenced row deleted, or its key changed) is refused outright: cases,
-- parties, settlements, courts and import runs are never deleted or renumbered once written
-- (the runtime role has no delete on them either), which also closes the window a concurrent
-- delete would open without the foreign key's row lock. TRUNCATE is the owner's maintenance
-- tool and is not checked (the tests empty every table together).

-- The lookups go through the parents' unique indexes whatever the planner's statistics say
-- (during a large import they lag behind the tables, and a scan of the parent per statement would
-- make the import quadratic).
create function zx_check_references() returns trigger language plpgsql
  set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off as $$
declare
  i int := 0;
  missing text;
begin
  -- TG_ARGV: (column, parent table, parent column) triples. The distinct values of the column
  -- are looked up in the parent's unique index all at once (= any of a sorted array), so that
  -- the check costs the statement's rows, never a scan of the parent.
  while i < tg_nargs loop
    execute format(
      'with v as (select array_agg(distinct n.%1$I) as vals from zx_new_rows n'
      '            where n.%1$I is not null),'
      '     found as (select array_agg(p.%3$I) as keys from %2$I p, v where p.%3$I = any(v.vals))'
      ' select (select x::text from unnest(v.vals) x'
      '          where found.keys is null or not x = any(found.keys) limit 1)'
      '   from v, found'
      '  where cardinality(v.vals) is distinct from cardinality(found.keys)',
      tg_argv[i], tg_argv[i + 1], tg_argv[i + 2]) into missing;
    if missing is not null then
      raise foreign_key_violation using
        message = format('%s.%s = %s refers to no row of %s(%s)', tg_table_name, tg_argv[i],
                         missing, tg_argv[i + 1], tg_argv[i + 2]),
        table = tg_table_name, column = tg_argv[i];
    end if;
    i := i + 3;
  end loop;
  return null;
end $$;

create function zx_refuse_delete_or_renumber() returns trigger language plpgsql as $$
begin
  raise restrict_violation using
    message = format('rows of %s are referenced by the import''s tables and are never deleted'
                     ' or renumbered', tg_table_name),
    table = tg_table_name;
end $$;

-- The references the import writes, as (table, column, parent, parent column).
create temporary table zx_refs (tbl text, col text, parent text, parent_col text, ord int);
insert into zx_refs values
  ('cases', 'court_code', 'courts', 'code', 1),
  ('cases', 'executing_court', 'courts', 'code', 2),
  ('cases', 'import_run_id', 'import_runs', 'id', 3),
  ('cases', 'updated_run_id', 'import_runs', 'id', 4),
  ('case_sources', 'case_id', 'cases', 'id', 1),
  ('parties', 'case_id', 'cases', 'id', 1),
  ('agents', 'party_id', 'parties', 'id', 1),
  ('measures', 'case_id', 'cases', 'id', 1),
  ('measures', 'against_party', 'parties', 'id', 2),
  ('receipts', 'case_id', 'cases', 'id', 1),
  ('settlements', 'case_id', 'cases', 'id', 1),
  ('settlements', 'guarantor', 'parties', 'id', 2),
  ('installments', 'settlement_id', 'settlements', 'id', 1),
  ('relief_applications', 'case_id', 'cases', 'id', 1),
  ('relief_applications', 'applicant', 'parties', 'id', 2);

do $$
declare
  r record;
  fk text;
begin
  -- Drop each foreign key by what it is, not by its generated name.
  for r in select * from zx_refs loop
    for fk in
      select c.conname from pg_constraint c
       where c.contype = 'f' and c.conrelid = r.tbl::regclass
         and c.confrelid = r.parent::regclass
         and c.conkey = array[(select attnum from pg_attribute
                               where attrelid = r.tbl::regclass and attname = r.col)]
    loop
      execute format('alter table %I drop constraint %I', r.tbl, fk);
    end loop;
  end loop;
  -- One insert and one update trigger per table, checking all of its references.
  for r in select tbl, string_agg(format('%L, %L, %L', col, parent, parent_col), ', ' order by ord) as args
             from zx_refs group by tbl loop
    execute format('create trigger %I after insert on %I referencing new table as zx_new_rows'
                   ' for each statement execute function zx_check_references(%s)',
                   r.tbl || '_references_on_insert', r.tbl, r.args);
    execute format('create trigger %I after update on %I referencing new table as zx_new_rows'
                   ' for each statement execute function zx_check_references(%s)',
                   r.tbl || '_references_on_update', r.tbl, r.args);
  end loop;
  -- The parents: never deleted, never renumbered.
  for r in select distinct parent, parent_col from zx_refs loop
    execute format('create trigger %I before delete on %I for each row'
                   ' execute function zx_refuse_delete_or_renumber()',
                   r.parent || '_never_deleted', r.parent);
    execute format('create trigger %I before update of %I on %I for each row'
                   ' when (old.%I is distinct from new.%I)'
                   ' execute function zx_refuse_delete_or_renumber()',
                   r.parent || '_never_renumbered', r.parent_col, r.parent, r.parent_col,
                   r.parent_col);
  end loop;
end $$;

drop table zx_refs;

-- (court_code, year) is the leading part of the unique key (court_code, year, type_code, serial),
-- which serves every query the narrower index did: one index fewer for each new case to fill.
drop index if exists cases_court_year;
-- No query reads measures by (kind, taken_on): the plan reads them by taken_on
-- (measures_taken_on), the case views by (case_id, position).
drop index if exists measures_kind_date;
