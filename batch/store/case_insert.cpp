// CaseStore::insert_new: new cases in bulk, one COPY per table, with ids drawn from the
// sequences first so that rows can refer to each other. The row writers serve the update path
// too (case_update_write.cpp).
#include <map>
#include <string>
#include <vector>

#include "core/case_record.h"
#include "store/case_rows.h"
#include "store/case_store.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {

namespace case_rows {

const char* const kCopyParties =
    "copy parties (id, case_id, party_key, position, role, kind, name, address, phone, gender,"
    " birth_date, ethnicity, occupation, id_number, uscc, legal_rep, bank_name, bank_account,"
    " import_run_id, source_line) from stdin";
const char* const kCopyAgents =
    "copy agents (party_id, position, name, kind, firm, special_authority) from stdin";
const char* const kCopyMeasures =
    "copy measures (case_id, position, kind, taken_on, against_party, amount_fen, target, period,"
    " note, result, import_run_id, source_line) from stdin";
const char* const kCopyReceipts =
    "copy receipts (case_id, position, received_on, amount_fen, source, reference, import_run_id,"
    " source_line) from stdin";
const char* const kCopySettlements =
    "copy settlements (id, case_id, signed_on, total_fen, grace_days, guarantor, place,"
    " import_run_id, source_line) from stdin";
const char* const kCopyInstallments =
    "copy installments (settlement_id, position, due_on, amount_fen) from stdin";
const char* const kCopyReliefApplications =
    "copy relief_applications (case_id, applicant, applied_on, ground, basis_item, household_size,"
    " household_monthly_income_fen, has_dibao, medical_expenses_fen, prior_compensation_fen,"
    " flags, panel_decided_on, panel_granted, panel_amount_fen, panel_members,"
    " panel_exception_approved, panel_source, import_run_id, source_line) from stdin";

namespace {

CopyIn& money_or_null(CopyIn& copy, const std::optional<Money>& m) {
  return m ? copy.field(m->fen()) : copy.null();
}

}  // namespace

void copy_party_row(CopyIn& copy, long long id, long long case_id, const Party& p, int position,
                    RowSource src) {
  copy.field(id).field(case_id).field(p.id).field(position);
  copy.field(p.role).field(p.kind).field(p.name).field(p.address);
  copy.field_or_null(p.phone ? &*p.phone : nullptr);
  if (p.is_person()) {
    copy.field(p.gender).field(p.birth_date->iso()).field(p.ethnicity);
    copy.field_or_null(p.occupation ? &*p.occupation : nullptr);
    copy.field(p.id_number).null().null();
  } else {
    copy.null().null().null().null().null().field(p.uscc);
    if (p.legal_rep)
      copy.field(legal_rep_json(*p.legal_rep));
    else
      copy.null();
  }
  if (p.bank_account)
    copy.field(p.bank_account->bank).field(p.bank_account->account);
  else
    copy.null().null();
  copy.field(src.run_id).field(src.line);
  copy.end_row();
}

void copy_agent_rows(CopyIn& copy, long long party_id, const Party& p) {
  int position = 0;
  for (const auto& a : p.agents) {
    copy.field(party_id).field(position++).field(a.name).field(a.kind);
    copy.field_or_null(a.firm ? &*a.firm : nullptr);
    copy.field(pg_bool(a.special_authority));
    copy.end_row();
  }
}

void copy_measure_row(CopyIn& copy, long long case_id, int position, const Measure& m,
                      long long against, RowSource src) {
  copy.field(case_id).field(position).field(m.kind).field(m.on.iso()).field(against);
  money_or_null(copy, m.amount);
  copy.field_or_null(m.target ? &*m.target : nullptr);
  copy.field_or_null(m.period ? &*m.period : nullptr);
  copy.field_or_null(m.note ? &*m.note : nullptr);
  copy.field_or_null(m.result ? &*m.result : nullptr);
  copy.field(src.run_id).field(src.line);
  copy.end_row();
}

void copy_receipt_row(CopyIn& copy, long long case_id, int position, const Receipt& r,
                      RowSource src) {
  copy.field(case_id).field(position).field(r.on.iso()).field(r.amount.fen());
  copy.field_or_null(r.source ? &*r.source : nullptr);
  copy.field_or_null(r.reference ? &*r.reference : nullptr);
  copy.field(src.run_id).field(src.line);
  copy.end_row();
}

void copy_settlement_row(CopyIn& copy, long long id, long long case_id, const Settlement& st,
                         std::optional<long long> guarantor, RowSource src) {
  copy.field(id).field(case_id).field(st.signed_on.iso());
  copy.field(st.total.fen()).field(st.grace_days);
  copy.field_or_null(guarantor ? &*guarantor : nullptr);
  copy.field_or_null(st.place ? &*st.place : nullptr);
  copy.field(src.run_id).field(src.line);
  copy.end_row();
}

void copy_installment_rows(CopyIn& copy, long long settlement_id, const Settlement& st) {
  int position = 0;
  for (const auto& inst : st.installments) {
    copy.field(settlement_id).field(position++).field(inst.due_on.iso()).field(inst.amount.fen());
    copy.end_row();
  }
}

void copy_relief_row(CopyIn& copy, long long case_id, long long applicant,
                     const ReliefApplication& r, RowSource src) {
  copy.field(case_id).field(applicant).field(r.applied_on.iso());
  copy.field(r.ground).field(r.basis_item);
  if (r.household_size)
    copy.field(static_cast<long long>(*r.household_size));
  else
    copy.null();
  money_or_null(copy, r.household_monthly_income);
  if (r.has_dibao)
    copy.field(pg_bool(*r.has_dibao));
  else
    copy.null();
  money_or_null(copy, r.medical_expenses);
  money_or_null(copy, r.prior_compensation);
  copy.field(pg_text_array(r.flags));
  if (r.panel) {
    copy.field(r.panel->decided_on.iso()).field(pg_bool(r.panel->granted));
    money_or_null(copy, r.panel->amount);
    copy.field(pg_text_array(r.panel->members)).field(pg_bool(r.panel->exception_approved));
    copy.field("import");
  } else {
    copy.null().null().null().null().field("f").null();
  }
  copy.field(src.run_id).field(src.line);
  copy.end_row();
}

}  // namespace case_rows

namespace {

using case_rows::pg_bool;
using case_rows::RowSource;

// The records being inserted and the ids drawn for them. party_id_of maps a party key to its
// id, per record.
struct NewCases {
  const std::vector<const SourcedRecord*>& records;
  std::vector<long long> case_ids;
  std::vector<long long> settlement_ids;
  std::vector<std::map<std::string, long long>> party_id_of;
  RowSource source(int64_t run_id, size_t i) const { return {run_id, records[i]->line}; }
};

void copy_cases(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy cases (id, case_number, court_code, year, type_code, serial, filed_on, cause,"
              " title_document, categories, livelihood, filing_fee_fen, extensions,"
              " excluded_periods, claim_fen, recovered_fen, status, closure_kind, closed_on,"
              " applicant_consents, executing_court, officers, record_sha256, import_run_id,"
              " source_line, receipts_recorded, applicant_informed_on, row_sha256) from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    const CaseRecord& c = *n.records[i]->record;
    copy.field(n.case_ids[i]).field(c.case_number.text()).field(c.case_number.court_code);
    copy.field(c.case_number.year).field(c.case_number.type_code).field(c.case_number.serial);
    copy.field(c.filed_on.iso()).field(c.cause);
    if (c.title_document)
      copy.field(title_document_json(*c.title_document));
    else
      copy.null();
    copy.field(pg_text_array(c.categories)).field(pg_bool(case_rows::is_livelihood(c)));
    if (c.filing_fee)
      copy.field(c.filing_fee->fen());
    else
      copy.null();
    copy.field(periods_json(c.extensions, "approved_by"));
    copy.field(periods_json(c.excluded_periods, "reason"));
    copy.field(c.claim.fen()).field(c.recovered.fen()).field(c.status);
    if (c.closure) {
      copy.field(c.closure->kind)
          .field(c.closure->on.iso())
          .field(pg_bool(c.closure->applicant_consents));
    } else {
      copy.null().null().field("f");
    }
    copy.field_or_null(c.executing_court ? &*c.executing_court : nullptr);
    copy.field(officers_json(c.officers)).field(n.records[i]->sha256).field(run_id);
    copy.field(n.records[i]->line).field(pg_bool(c.receipts.has_value()));
    if (c.closure && c.closure->applicant_informed_on)
      copy.field(c.closure->applicant_informed_on->iso());
    else
      copy.null();
    copy.field(case_rows::case_row_sha256(c));
    copy.end_row();
  }
  copy.finish();
}

void copy_case_sources(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy case_sources (case_id, record_sha256, import_run_id, source_line) from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    copy.field(n.case_ids[i]).field(n.records[i]->sha256).field(run_id).field(n.records[i]->line);
    copy.end_row();
  }
  copy.finish();
}

// Parties, agents, measures, receipts: one COPY each.
void copy_children(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn parties(sql, case_rows::kCopyParties);
  for (size_t i = 0; i < n.records.size(); ++i) {
    int position = 0;
    for (const auto& p : n.records[i]->record->parties)
      case_rows::copy_party_row(parties, n.party_id_of[i][p.id], n.case_ids[i], p, position++,
                                n.source(run_id, i));
  }
  parties.finish();
  CopyIn agents(sql, case_rows::kCopyAgents);
  for (size_t i = 0; i < n.records.size(); ++i)
    for (const auto& p : n.records[i]->record->parties)
      case_rows::copy_agent_rows(agents, n.party_id_of[i][p.id], p);
  agents.finish();
  CopyIn measures(sql, case_rows::kCopyMeasures);
  for (size_t i = 0; i < n.records.size(); ++i) {
    int position = 0;
    for (const auto& m : n.records[i]->record->measures)
      case_rows::copy_measure_row(measures, n.case_ids[i], position++, m,
                                  n.party_id_of[i][m.against], n.source(run_id, i));
  }
  measures.finish();
  CopyIn receipts(sql, case_rows::kCopyReceipts);
  for (size_t i = 0; i < n.records.size(); ++i) {
    if (!n.records[i]->record->receipts) continue;
    int position = 0;
    for (const auto& r : *n.records[i]->record->receipts)
      case_rows::copy_receipt_row(receipts, n.case_ids[i], position++, r, n.source(run_id, i));
  }
  receipts.finish();
}

// Settlements with their instalments, relief applications.
void copy_settlements_and_relief(soci::session& sql, int64_t run_id, NewCases& n) {
  if (!n.settlement_ids.empty()) {
    CopyIn settlements(sql, case_rows::kCopySettlements);
    size_t s = 0;
    for (size_t i = 0; i < n.records.size(); ++i) {
      const auto& st = n.records[i]->record->settlement;
      if (!st) continue;
      std::optional<long long> guarantor;
      if (st->guarantor) guarantor = n.party_id_of[i][*st->guarantor];
      case_rows::copy_settlement_row(settlements, n.settlement_ids[s++], n.case_ids[i], *st,
                                     guarantor, n.source(run_id, i));
    }
    settlements.finish();
    CopyIn installments(sql, case_rows::kCopyInstallments);
    s = 0;
    for (size_t i = 0; i < n.records.size(); ++i)
      if (const auto& st = n.records[i]->record->settlement)
        case_rows::copy_installment_rows(installments, n.settlement_ids[s++], *st);
    installments.finish();
  }
  CopyIn relief(sql, case_rows::kCopyReliefApplications);
  for (size_t i = 0; i < n.records.size(); ++i)
    if (const auto& r = n.records[i]->record->relief)
      case_rows::copy_relief_row(relief, n.case_ids[i], n.party_id_of[i][r->applicant], *r,
                                 n.source(run_id, i));
  relief.finish();
}

}  // namespace

void CaseStore::insert_new(const std::vector<const SourcedRecord*>& records) {
  if (records.empty()) return;
  size_t n_parties = 0, n_settlements = 0;
  for (const auto* r : records) {
    n_parties += r->record->parties.size();
    n_settlements += r->record->settlement ? 1 : 0;
  }
  NewCases n{records, case_rows::next_ids(sql_, ids_, "cases_id_seq", records.size()), {}, {}};
  auto party_ids = case_rows::next_ids(sql_, ids_, "parties_id_seq", n_parties);
  n.settlement_ids = case_rows::next_ids(sql_, ids_, "settlements_id_seq", n_settlements);

  n.party_id_of.resize(records.size());
  {
    size_t p = 0;
    for (size_t i = 0; i < records.size(); ++i)
      for (const auto& party : records[i]->record->parties)
        n.party_id_of[i][party.id] = party_ids[p++];
  }

  copy_cases(sql_, run_id_, n);
  copy_case_sources(sql_, run_id_, n);
  copy_children(sql_, run_id_, n);
  copy_settlements_and_relief(sql_, run_id_, n);
}

}  // namespace zhixing::inline store
