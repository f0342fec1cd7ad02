-- 010: the ledger chain's canonical entry version 2 (issue 14 item 5). Entries written from now
-- on also chain the account's definition, the grant's voucher and the payment's bank
-- confirmation (ledger/hash_chain.h), so that editing an account name, a voucher serial or a
-- confirmation's amount, bank reference or paid-on date breaks the chain. Entries written before
-- keep verifying under version 1. A version-2 entry is never followed by a version-1 one.

alter table ledger_entries
  add column canonical_version smallint not null default 1 check (canonical_version in (1, 2));
alter table ledger_entries alter column canonical_version set default 2;

create or replace function ledger_entry_follows_chain() returns trigger language plpgsql as $$
begin
  if new.sequence = 1 then
    if new.prev_hash <> repeat('0', 64) then
      raise exception 'ledger entry 1 must start from the zero hash' using errcode = 'check_violation';
    end if;
  elsif not exists (select 1 from ledger_entries
                     where sequence = new.sequence - 1 and hash = new.prev_hash
                       and canonical_version <= new.canonical_version) then
    raise exception 'ledger entry % does not follow entry % (or lowers the canonical version)',
      new.sequence, new.sequence - 1 using errcode = 'check_violation';
  end if;
  return new;
end $$;
