-- 004: the relief fund ledger (issue 5): double entry, append-only, hash-chained.
--
-- Accounts per court and year; transactions (one per source key and kind) each made of entries
-- whose debits equal their credits (checked at commit by a deferred constraint trigger, and
-- again by `zhixing ledger verify`); one voucher (发放凭证) per grant; one bank confirmation per
-- voucher. Every entry carries SHA-256(canonical entry ‖ previous entry's hash); the chain is
-- linear (a trigger checks each new entry follows the last one; prev_hash is unique).
--
-- Append-only: row triggers refuse UPDATE and DELETE, statement triggers refuse TRUNCATE. The
-- runtime role zhixing_app gets INSERT and SELECT only and owns nothing, so it can neither
-- DISABLE TRIGGER nor ALTER these tables. No foreign key points from here to tables that are
-- updated or truncated elsewhere (users, parties, cases): the ledger keeps its own copies
-- (posted_by as a user name, the applicant's party id and name) so nothing can cascade into it.

create table ledger_accounts (
  id                 bigserial primary key,
  code               text not null unique,   -- 冀0633/2024/fund, 冀0633/2024/payable/17
  court_code         text not null,
  year               integer not null check (year between 2000 and 2999),
  kind               text not null check (kind in ('fund', 'payable', 'bank', 'recoveries', 'refunds')),
  applicant_party_id bigint,
  name               text not null,
  check ((kind = 'payable') = (applicant_party_id is not null))
);

create table ledger_transactions (
  id                       bigserial primary key,
  kind                     text not null check (kind in ('appropriation', 'grant', 'payment',
                                                         'offset', 'recovery', 'reversal')),
  idempotency_key          text not null check (idempotency_key <> '' and length(idempotency_key) <= 200),
  content_sha256           text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  court_code               text not null,
  year                     integer not null check (year between 2000 and 2999),
  amount_fen               bigint not null check (amount_fen > 0),
  received_fen             bigint check (received_fen > 0),   -- offsets: the amount enforced
  business_date            date not null,
  applicant_party_id       bigint,
  applicant_name           text,
  decision_number          text,        -- grants: the 司救执 number; recoveries: the revocation
  decision_document_sha256 text check (decision_document_sha256 ~ '^[0-9a-f]{64}$'),
  voucher_number           text,        -- payments
  reverses_transaction_id  bigint unique references ledger_transactions(id),
  reason                   text not null default '',
  posted_by                text not null check (posted_by <> ''),
  posted_at                timestamptz not null default now(),  -- wall clock: not chained
  unique (kind, idempotency_key),
  check (kind <> 'grant' or (decision_number is not null and decision_document_sha256 is not null
                             and applicant_party_id is not null)),
  check (kind <> 'payment' or voucher_number is not null),
  check (kind not in ('offset', 'recovery') or applicant_party_id is not null),
  check (kind <> 'offset' or received_fen >= amount_fen),
  check ((kind = 'reversal') = (reverses_transaction_id is not null))
);
create index ledger_transactions_court_year on ledger_transactions (court_code, year);

create table ledger_entries (
  sequence       bigint primary key check (sequence >= 1),
  transaction_id bigint not null references ledger_transactions(id),
  account_id     bigint not null references ledger_accounts(id),
  debit_fen      bigint not null default 0 check (debit_fen >= 0),
  credit_fen     bigint not null default 0 check (credit_fen >= 0),
  prev_hash      text not null unique check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash           text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  check ((debit_fen > 0) <> (credit_fen > 0))
);
create index ledger_entries_transaction on ledger_entries (transaction_id);
create index ledger_entries_account on ledger_entries (account_id);

create table ledger_vouchers (
  voucher_number       text primary key,    -- 冀0633-2024-JZ-0001
  court_code           text not null,
  year                 integer not null,
  serial               integer not null check (serial between 1 and 9999),
  grant_transaction_id bigint not null unique references ledger_transactions(id),
  unique (court_code, year, serial)
);

create table ledger_bank_confirmations (
  voucher_number         text primary key references ledger_vouchers(voucher_number),
  paid_on                date not null,
  amount_fen             bigint not null check (amount_fen > 0),
  bank_reference         text not null unique,
  payment_transaction_id bigint not null unique references ledger_transactions(id),
  confirmed_by           text not null,
  confirmed_at           timestamptz not null default now()
);

-- Append-only.
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger table % is append-only: % refused', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end $$;

do $$
declare t text;
begin
  foreach t in array array['ledger_accounts', 'ledger_transactions', 'ledger_entries',
                           'ledger_vouchers', 'ledger_bank_confirmations'] loop
    execute format('create trigger %I before update or delete on %I for each row'
                   ' execute function ledger_refuse_change()', t || '_append_only', t);
    execute format('create trigger %I before truncate on %I for each statement'
                   ' execute function ledger_refuse_change()', t || '_no_truncate', t);
  end loop;
end $$;

-- Every transaction balances (debits = credits, at least two entries), checked at commit.
create function ledger_check_balanced(tx bigint) returns void language plpgsql as $$
declare d bigint; c bigint; n integer;
begin
  select coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0), count(*)
    into d, c, n from ledger_entries where transaction_id = tx;
  if n < 2 or d <> c then
    raise exception 'ledger transaction % does not balance: % entries, debits % fen, credits % fen',
      tx, n, d, c using errcode = 'check_violation';
  end if;
end $$;

create function ledger_transaction_balanced() returns trigger language plpgsql as $$
begin perform ledger_check_balanced(new.id); return null; end $$;
create function ledger_entry_balanced() returns trigger language plpgsql as $$
begin perform ledger_check_balanced(new.transaction_id); return null; end $$;

create constraint trigger ledger_transactions_balanced after insert on ledger_transactions
  deferrable initially deferred for each row execute function ledger_transaction_balanced();
create constraint trigger ledger_entries_balanced after insert on ledger_entries
  deferrable initially deferred for each row execute function ledger_entry_balanced();

-- The chain is linear: entry n follows entry n − 1 and names its hash.
create function ledger_entry_follows_chain() returns trigger language plpgsql as $$
begin
  if new.sequence = 1 then
    if new.prev_hash <> repeat('0', 64) then
      raise exception 'ledger entry 1 must start from the zero hash' using errcode = 'check_violation';
    end if;
  elsif not exists (select 1 from ledger_entries
                     where sequence = new.sequence - 1 and hash = new.prev_hash) then
    raise exception 'ledger entry % does not follow entry %', new.sequence, new.sequence - 1
      using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger ledger_entries_chain before insert on ledger_entries
  for each row execute function ledger_entry_follows_chain();

grant select, insert on ledger_accounts, ledger_transactions, ledger_entries, ledger_vouchers,
  ledger_bank_confirmations to zhixing_app;
grant usage on sequence ledger_accounts_id_seq, ledger_transactions_id_seq to zhixing_app;
