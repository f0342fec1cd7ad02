#include "store/case_stored.h"

#include <algorithm>

#include "store/case_rows.h"
#include "store/pg_array.h"

namespace zhixing::inline store::case_rows {

namespace {

// Column i as text, kNull when null.
std::string text_at(const soci::row& r, size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string(kNull) : r.get<std::string>(i);
}

void read_case_rows(soci::session& sql, const std::string& ids,
                    std::map<long long, StoredCase>& out) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "select id, to_char(filed_on, 'YYYY-MM-DD'), cause, recovered_fen,"
                      " title_document->>'number', title_document->>'kind',"
                      " title_document->>'court', title_document->>'effective_on',"
                      " coalesce(row_sha256, ''), receipts_recorded::int"
                      " from cases where id = any(cast(:ids as bigint[])) order by id for update",
       soci::use(ids));
  for (const auto& r : rows) {
    StoredCase& c = out[r.get<long long>(0)];
    c.id = r.get<long long>(0);
    c.filed_on = r.get<std::string>(1);
    c.cause = r.get<std::string>(2);
    c.recovered_fen = r.get<long long>(3);
    if (r.get_indicator(4) == soci::i_null)
      c.title_key = std::string(kNull);
    else
      c.title_key = fact_key({text_at(r, 4), text_at(r, 5), text_at(r, 6), text_at(r, 7)});
    c.row_sha256 = r.get<std::string>(8);
    c.receipts_recorded = r.get<int>(9) != 0;
  }
}

// Party id -> its case and key, for the tables that refer to parties by id.
struct PartyRef {
  StoredParty* party;
  const std::string* key;
};
using PartyIndex = std::map<long long, PartyRef>;

void read_parties(soci::session& sql, const std::string& ids, std::map<long long, StoredCase>& out,
                  PartyIndex& by_id) {
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select id, case_id, party_key, position, kind, name,"
                        " coalesce(id_number, ''), coalesce(uscc, ''), address, phone, bank_name,"
                        " bank_account from parties where case_id = any(cast(:ids as bigint[]))",
         soci::use(ids));
    for (const auto& r : rows) {
      StoredCase& c = out[r.get<long long>(1)];
      auto [slot, inserted] = c.parties.emplace(r.get<std::string>(2), StoredParty{});
      StoredParty& p = slot->second;
      p.id = r.get<long long>(0);
      p.position = r.get<int>(3);
      c.max_party_position = std::max(c.max_party_position, p.position);
      p.kind = r.get<std::string>(4);
      p.name = r.get<std::string>(5);
      p.id_number = r.get<std::string>(6);
      p.uscc = r.get<std::string>(7);
      p.mutable_key =
          fact_key({r.get<std::string>(8), text_at(r, 9), text_at(r, 10), text_at(r, 11)});
      by_id[p.id] = {&p, &slot->first};
    }
  }
  if (by_id.empty()) return;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "select a.party_id, a.name, a.kind, a.firm,"
              " case when a.special_authority then 't' else 'f' end"
              " from agents a join parties p on p.id = a.party_id"
              " where p.case_id = any(cast(:ids as bigint[])) order by a.party_id, a.position",
       soci::use(ids));
  for (const auto& r : rows) {
    auto it = by_id.find(r.get<long long>(0));
    if (it == by_id.end()) continue;
    it->second.party->agent_keys.push_back(fact_key(
        {r.get<std::string>(1), r.get<std::string>(2), text_at(r, 3), r.get<std::string>(4)}));
  }
}

// The key of the party with this id, kNull when unknown or null.
std::string party_key(const PartyIndex& parties, const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::string(kNull);
  auto it = parties.find(r.get<long long>(i));
  return it == parties.end() ? std::string(kNull) : *it->second.key;
}

void read_measures_and_receipts(soci::session& sql, const std::string& ids,
                                std::map<long long, StoredCase>& out, const PartyIndex& parties) {
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select case_id, kind, to_char(taken_on, 'YYYY-MM-DD'), against_party,"
                        " coalesce(amount_fen::text, ''), coalesce(target, ''),"
                        " coalesce(period, ''), coalesce(note, ''), coalesce(result, ''),"
                        " position from measures where case_id = any(cast(:ids as bigint[]))",
         soci::use(ids));
    for (const auto& r : rows) {
      StoredCase& c = out[r.get<long long>(0)];
      ++c.measure_keys[measure_key(r.get<std::string>(1), r.get<std::string>(2),
                                   party_key(parties, r, 3), r.get<std::string>(4),
                                   r.get<std::string>(5), r.get<std::string>(6),
                                   r.get<std::string>(7), r.get<std::string>(8))];
      c.next_measure_position = std::max(c.next_measure_position, r.get<int>(9) + 1);
    }
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "select case_id, to_char(received_on, 'YYYY-MM-DD'), amount_fen,"
                      " coalesce(source, ''), coalesce(reference, ''), position"
                      " from receipts where case_id = any(cast(:ids as bigint[]))"
                      " order by case_id, position",
       soci::use(ids));
  for (const auto& r : rows) {
    StoredCase& c = out[r.get<long long>(0)];
    const std::string on = r.get<std::string>(1), reference = r.get<std::string>(4);
    const long long fen = r.get<long long>(2);
    c.receipts.push_back({fact_key({on, std::to_string(fen), r.get<std::string>(3), reference}), on,
                          reference, fen});
    c.next_receipt_position = std::max(c.next_receipt_position, r.get<int>(5) + 1);
  }
}

void read_settlements(soci::session& sql, const std::string& ids,
                      std::map<long long, StoredCase>& out, const PartyIndex& parties) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "select s.case_id, s.id, to_char(s.signed_on, 'YYYY-MM-DD'),"
                      " s.total_fen::text, s.grace_days::text, s.guarantor, s.place,"
                      " coalesce((select string_agg(to_char(i.due_on, 'YYYY-MM-DD') || ':' ||"
                      " i.amount_fen || ';', '' order by i.position) from installments i"
                      " where i.settlement_id = s.id), '')"
                      " from settlements s where s.case_id = any(cast(:ids as bigint[]))",
       soci::use(ids));
  for (const auto& r : rows) {
    StoredCase& c = out[r.get<long long>(0)];
    c.settlement_id = r.get<long long>(1);
    c.settlement_key =
        fact_key({r.get<std::string>(2), r.get<std::string>(3), r.get<std::string>(4),
                  party_key(parties, r, 5), text_at(r, 6), r.get<std::string>(7)});
  }
}

void read_relief(soci::session& sql, const std::string& ids, std::map<long long, StoredCase>& out,
                 const PartyIndex& parties) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "select r.case_id, r.applicant, to_char(r.applied_on, 'YYYY-MM-DD'),"
                      " r.ground, r.basis_item, r.household_size::text,"
                      " r.household_monthly_income_fen::text,"
                      " case when r.has_dibao then 't' when not r.has_dibao then 'f' end,"
                      " r.medical_expenses_fen::text, r.prior_compensation_fen::text,"
                      " array_to_string(r.flags, chr(29)),"
                      " to_char(r.panel_decided_on, 'YYYY-MM-DD'),"
                      " coalesce(r.panel_granted, false)::int, r.panel_amount_fen,"
                      " coalesce(array_to_string(r.panel_members, ','), ''),"
                      " r.panel_exception_approved::int"
                      " from relief_applications r where r.case_id = any(cast(:ids as bigint[]))",
       soci::use(ids));
  for (const auto& r : rows) {
    StoredCase& c = out[r.get<long long>(0)];
    c.relief_key = fact_key({party_key(parties, r, 1), r.get<std::string>(2), r.get<std::string>(3),
                             r.get<std::string>(4), text_at(r, 5), text_at(r, 6), text_at(r, 7),
                             text_at(r, 8), text_at(r, 9), text_at(r, 10)});
    if (r.get_indicator(11) == soci::i_ok)
      c.panel = std::make_tuple(r.get<std::string>(11), r.get<int>(12) != 0,
                                r.get_indicator(13) == soci::i_ok ? r.get<long long>(13) : -1LL,
                                r.get<std::string>(14), r.get<int>(15) != 0);
  }
}

}  // namespace

std::map<long long, StoredCase> read_stored_cases(soci::session& sql,
                                                  const std::vector<long long>& ids) {
  std::map<long long, StoredCase> out;
  if (ids.empty()) return out;
  std::vector<long long> sorted = ids;  // in table order: fewer pages touched
  std::sort(sorted.begin(), sorted.end());
  const std::string arr = pg_bigint_array(sorted);
  // A batch probes a few thousand keys: by index at every table size (the planner would
  // otherwise scan whole tables while they are small).
  sql << "set local enable_seqscan = off";
  PartyIndex parties;
  read_case_rows(sql, arr, out);
  read_parties(sql, arr, out, parties);
  read_measures_and_receipts(sql, arr, out, parties);
  read_settlements(sql, arr, out, parties);
  read_relief(sql, arr, out, parties);
  sql << "set local enable_seqscan = on";
  return out;
}

}  // namespace zhixing::inline store::case_rows
