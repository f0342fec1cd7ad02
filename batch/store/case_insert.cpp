// CaseStore::insert_new: new cases in bulk, one COPY per table, with ids drawn from the
// sequences first so that rows can refer to each other.
#include <map>
#include <string>
#include <vector>

#include "core/case_record.h"
#include "store/case_rows.h"
#include "store/case_store.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {

namespace {

using case_rows::legal_rep_json;
using case_rows::pg_bool;

// The records being inserted and the ids drawn for them. party_id_of maps a party key to its
// id, per record.
struct NewCases {
  const std::vector<const SourcedRecord*>& records;
  std::vector<long long> case_ids;
  std::vector<long long> settlement_ids;
  std::vector<std::map<std::string, long long>> party_id_of;
};

void copy_cases(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy cases (id, case_number, court_code, year, type_code, serial, filed_on, cause,"
              " title_document, categories, livelihood, filing_fee_fen, extensions,"
              " excluded_periods, claim_fen, recovered_fen, status, closure_kind, closed_on,"
              " applicant_consents, executing_court, officers, record_sha256, import_run_id,"
              " source_line, receipts_recorded, applicant_informed_on) from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    const CaseRecord& c = *n.records[i]->record;
    bool livelihood = false;
    for (const auto& cat : c.categories) livelihood = livelihood || is_livelihood_category(cat);
    copy.field(n.case_ids[i]).field(c.case_number.text()).field(c.case_number.court_code);
    copy.field(c.case_number.year).field(c.case_number.type_code).field(c.case_number.serial);
    copy.field(c.filed_on.iso()).field(c.cause);
    if (c.title_document)
      copy.field(title_document_json(*c.title_document));
    else
      copy.null();
    copy.field(pg_text_array(c.categories)).field(pg_bool(livelihood));
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
    if (c.executing_court)
      copy.field(*c.executing_court);
    else
      copy.null();
    copy.field(officers_json(c.officers)).field(n.records[i]->sha256).field(run_id);
    copy.field(n.records[i]->line).field(pg_bool(c.receipts.has_value()));
    if (c.closure && c.closure->applicant_informed_on)
      copy.field(c.closure->applicant_informed_on->iso());
    else
      copy.null();
    copy.end_row();
  }
  copy.finish();
}

void copy_receipts(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy receipts (case_id, position, received_on, amount_fen, source, reference,"
              " import_run_id, source_line) from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    const auto& receipts = n.records[i]->record->receipts;
    if (!receipts) continue;
    int position = 0;
    for (const auto& r : *receipts) {
      copy.field(n.case_ids[i]).field(position++).field(r.on.iso()).field(r.amount.fen());
      copy.field_or_null(r.source ? &*r.source : nullptr);
      copy.field_or_null(r.reference ? &*r.reference : nullptr);
      copy.field(run_id).field(n.records[i]->line);
      copy.end_row();
    }
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

void copy_parties(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy parties (id, case_id, party_key, position, role, kind, name, address, phone,"
              " gender, birth_date, ethnicity, occupation, id_number, uscc, legal_rep, bank_name,"
              " bank_account, import_run_id, source_line) from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    int position = 0;
    for (const auto& p : n.records[i]->record->parties) {
      copy.field(n.party_id_of[i][p.id]).field(n.case_ids[i]).field(p.id).field(position++);
      copy.field(p.role).field(p.kind).field(p.name).field(p.address);
      if (p.phone)
        copy.field(*p.phone);
      else
        copy.null();
      if (p.is_person()) {
        copy.field(p.gender).field(p.birth_date->iso()).field(p.ethnicity);
        if (p.occupation)
          copy.field(*p.occupation);
        else
          copy.null();
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
      copy.field(run_id).field(n.records[i]->line);
      copy.end_row();
    }
  }
  copy.finish();
}

void copy_agents(soci::session& sql, NewCases& n) {
  CopyIn copy(sql,
              "copy agents (party_id, position, name, kind, firm, special_authority) from stdin");
  bool any = false;
  for (size_t i = 0; i < n.records.size(); ++i)
    for (const auto& p : n.records[i]->record->parties) {
      int position = 0;
      for (const auto& a : p.agents) {
        any = true;
        copy.field(n.party_id_of[i][p.id]).field(position++).field(a.name).field(a.kind);
        if (a.firm)
          copy.field(*a.firm);
        else
          copy.null();
        copy.field(pg_bool(a.special_authority));
        copy.end_row();
      }
    }
  (void)any;
  copy.finish();
}

void copy_measures(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy measures (case_id, position, kind, taken_on, against_party, amount_fen,"
              " target, period, note, result, import_run_id, source_line) from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    int position = 0;
    for (const auto& m : n.records[i]->record->measures) {
      copy.field(n.case_ids[i]).field(position++).field(m.kind).field(m.on.iso());
      copy.field(n.party_id_of[i][m.against]);
      if (m.amount)
        copy.field(m.amount->fen());
      else
        copy.null();
      copy.field_or_null(m.target ? &*m.target : nullptr);
      copy.field_or_null(m.period ? &*m.period : nullptr);
      copy.field_or_null(m.note ? &*m.note : nullptr);
      copy.field_or_null(m.result ? &*m.result : nullptr);
      copy.field(run_id).field(n.records[i]->line);
      copy.end_row();
    }
  }
  copy.finish();
}

// Settlements with their instalments.
void copy_settlements(soci::session& sql, int64_t run_id, NewCases& n) {
  {
    CopyIn copy(sql,
                "copy settlements (id, case_id, signed_on, total_fen, grace_days, guarantor, place,"
                " import_run_id, source_line) from stdin");
    size_t s = 0;
    for (size_t i = 0; i < n.records.size(); ++i) {
      const auto& st = n.records[i]->record->settlement;
      if (!st) continue;
      copy.field(n.settlement_ids[s++]).field(n.case_ids[i]).field(st->signed_on.iso());
      copy.field(st->total.fen()).field(st->grace_days);
      if (st->guarantor)
        copy.field(n.party_id_of[i][*st->guarantor]);
      else
        copy.null();
      copy.field_or_null(st->place ? &*st->place : nullptr);
      copy.field(run_id).field(n.records[i]->line);
      copy.end_row();
    }
    copy.finish();
  }
  CopyIn copy(sql, "copy installments (settlement_id, position, due_on, amount_fen) from stdin");
  size_t s = 0;
  for (size_t i = 0; i < n.records.size(); ++i) {
    const auto& st = n.records[i]->record->settlement;
    if (!st) continue;
    int position = 0;
    for (const auto& inst : st->installments) {
      copy.field(n.settlement_ids[s])
          .field(position++)
          .field(inst.due_on.iso())
          .field(inst.amount.fen());
      copy.end_row();
    }
    ++s;
  }
  copy.finish();
}

void copy_relief_applications(soci::session& sql, int64_t run_id, NewCases& n) {
  CopyIn copy(sql,
              "copy relief_applications (case_id, applicant, applied_on, ground, basis_item,"
              " household_size, household_monthly_income_fen, has_dibao, medical_expenses_fen,"
              " prior_compensation_fen, flags, panel_decided_on, panel_granted, panel_amount_fen,"
              " panel_members, panel_exception_approved, panel_source, import_run_id, source_line)"
              " from stdin");
  for (size_t i = 0; i < n.records.size(); ++i) {
    const auto& r = n.records[i]->record->relief;
    if (!r) continue;
    copy.field(n.case_ids[i]).field(n.party_id_of[i][r->applicant]).field(r->applied_on.iso());
    copy.field(r->ground).field(r->basis_item);
    if (r->household_size)
      copy.field(*r->household_size);
    else
      copy.null();
    if (r->household_monthly_income)
      copy.field(r->household_monthly_income->fen());
    else
      copy.null();
    if (r->has_dibao)
      copy.field(pg_bool(*r->has_dibao));
    else
      copy.null();
    if (r->medical_expenses)
      copy.field(r->medical_expenses->fen());
    else
      copy.null();
    if (r->prior_compensation)
      copy.field(r->prior_compensation->fen());
    else
      copy.null();
    copy.field(pg_text_array(r->flags));
    if (r->panel) {
      copy.field(r->panel->decided_on.iso()).field(pg_bool(r->panel->granted));
      if (r->panel->amount)
        copy.field(r->panel->amount->fen());
      else
        copy.null();
      copy.field(pg_text_array(r->panel->members)).field(pg_bool(r->panel->exception_approved));
      copy.field("import");
    } else {
      copy.null().null().null().null().field("f").null();
    }
    copy.field(run_id).field(n.records[i]->line);
    copy.end_row();
  }
  copy.finish();
}

}  // namespace

void CaseStore::insert_new(const std::vector<const SourcedRecord*>& records) {
  if (records.empty()) return;
  size_t n_parties = 0, n_settlements = 0;
  for (const auto* r : records) {
    n_parties += r->record->parties.size();
    n_settlements += r->record->settlement ? 1 : 0;
  }
  NewCases n{records, case_rows::next_ids(sql_, "cases_id_seq", records.size()), {}, {}};
  auto party_ids = case_rows::next_ids(sql_, "parties_id_seq", n_parties);
  n.settlement_ids = case_rows::next_ids(sql_, "settlements_id_seq", n_settlements);

  n.party_id_of.resize(records.size());
  {
    size_t p = 0;
    for (size_t i = 0; i < records.size(); ++i)
      for (const auto& party : records[i]->record->parties)
        n.party_id_of[i][party.id] = party_ids[p++];
  }

  copy_cases(sql_, run_id_, n);
  copy_receipts(sql_, run_id_, n);
  copy_case_sources(sql_, run_id_, n);
  copy_parties(sql_, run_id_, n);
  copy_agents(sql_, n);
  copy_measures(sql_, run_id_, n);
  if (n_settlements > 0) copy_settlements(sql_, run_id_, n);
  copy_relief_applications(sql_, run_id_, n);
}

}  // namespace zhixing::inline store
