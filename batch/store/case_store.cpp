#include "store/case_store.h"

#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>

#include "core/json_text.h"
#include "core/masking.h"
#include "store/pg_raw.h"

namespace zhixing {

namespace {

std::string legal_rep_json(const LegalRep& r) {
  return JsonObject()
      .add_string("name", r.name)
      .add_string("title", r.title)
      .add_string("kind", r.kind)
      .str();
}

const char* pg_bool(bool b) { return b ? "t" : "f"; }

std::vector<long long> next_ids(soci::session& sql, const char* sequence, size_t n) {
  std::vector<long long> ids;
  if (n == 0) return ids;
  ids.resize(n);
  int count = static_cast<int>(n);
  sql << "select nextval('" + std::string(sequence) + "') from generate_series(1, :n)",
      soci::use(count), soci::into(ids);
  return ids;
}

// What identifies a measure or a receipt across imports: all of its facts.
std::string fact_key(std::initializer_list<std::string_view> facts) {
  std::string k;
  for (std::string_view f : facts) {
    k += f;
    k += '\x1f';
  }
  return k;
}

std::string measure_key(const std::string& kind, const std::string& on, const std::string& against,
                        const std::string& amount, const std::string& target,
                        const std::string& period, const std::string& note,
                        const std::string& result) {
  return fact_key({kind, on, against, amount, target, period, note, result});
}

std::string measure_key(const Measure& m) {
  return measure_key(m.kind, m.on.iso(), m.against,
                     m.amount ? std::to_string(m.amount->fen()) : "", m.target.value_or(""),
                     m.period.value_or(""), m.note.value_or(""), m.result.value_or(""));
}

std::string receipt_key(const Receipt& r) {
  return fact_key({r.on.iso(), std::to_string(r.amount.fen()), r.source.value_or(""),
                   r.reference.value_or("")});
}

Rejection conflict(const std::string& field, const std::string& message) {
  return Rejection{"conflict", field, mask_personal_numbers(message)};
}

}  // namespace

std::string officers_json(const Officers& o) {
  JsonObject json;
  json.add("enforcers", json_string_array(o.enforcers))
      .add_string("enforcer_title", o.enforcer_title);
  if (o.presiding) json.add_string("presiding", *o.presiding);
  return json.add("judges", json_string_array(o.judges)).add_string("clerk", o.clerk).str();
}

std::string title_document_json(const TitleDocument& t) {
  return JsonObject()
      .add_string("number", t.number)
      .add_string("kind", t.kind)
      .add_string("court", t.court)
      .add_string("effective_on", t.effective_on.iso())
      .str();
}

std::string periods_json(const std::vector<Period>& periods, const char* note_key) {
  std::vector<std::string> values;
  values.reserve(periods.size());
  for (const auto& p : periods)
    values.push_back(JsonObject()
                         .add_string("from", p.from.iso())
                         .add_string("to", p.to.iso())
                         .add_string(note_key, p.note)
                         .str());
  return json_array(values);
}

std::vector<UpsertResult> CaseStore::upsert(const std::vector<SourcedRecord>& records) {
  std::vector<UpsertResult> results(records.size());
  if (records.empty()) return results;

  std::vector<std::string> numbers;
  numbers.reserve(records.size());
  for (const auto& r : records) numbers.push_back(r.record->case_number.text());

  // Known cases and every line that ever made or updated them.
  std::map<std::string, long long> existing;
  std::set<std::pair<long long, std::string>> known_lines;
  {
    std::string arr = pg_text_array(numbers);
    soci::rowset<soci::row> rows =
        (sql_.prepare << "select c.id, c.case_number, s.record_sha256 from cases c"
                         " left join case_sources s on s.case_id = c.id"
                         " where c.case_number = any(cast(:a as text[]))",
         soci::use(arr));
    for (const auto& row : rows) {
      long long id = row.get<long long>(0);
      existing[row.get<std::string>(1)] = id;
      if (row.get_indicator(2) == soci::i_ok) known_lines.insert({id, row.get<std::string>(2)});
    }
  }

  std::vector<const SourcedRecord*> fresh;
  std::vector<size_t> fresh_index;
  for (size_t i = 0; i < records.size(); ++i) {
    auto it = existing.find(numbers[i]);
    if (it == existing.end()) {
      fresh.push_back(&records[i]);
      fresh_index.push_back(i);
      results[i].outcome = UpsertOutcome::inserted;
    } else if (known_lines.count({it->second, records[i].sha256})) {
      results[i].outcome = UpsertOutcome::unchanged;
    } else {
      results[i] = update_existing(records[i], it->second);
    }
  }
  insert_new(fresh);
  return results;
}

void CaseStore::insert_new(const std::vector<const SourcedRecord*>& records) {
  if (records.empty()) return;
  size_t n_parties = 0, n_settlements = 0;
  for (const auto* r : records) {
    n_parties += r->record->parties.size();
    n_settlements += r->record->settlement ? 1 : 0;
  }
  auto case_ids = next_ids(sql_, "cases_id_seq", records.size());
  auto party_ids = next_ids(sql_, "parties_id_seq", n_parties);
  auto settlement_ids = next_ids(sql_, "settlements_id_seq", n_settlements);

  // party key -> id, per record
  std::vector<std::map<std::string, long long>> party_id_of(records.size());
  {
    size_t p = 0;
    for (size_t i = 0; i < records.size(); ++i)
      for (const auto& party : records[i]->record->parties) party_id_of[i][party.id] = party_ids[p++];
  }

  {
    CopyIn copy(sql_,
                "copy cases (id, case_number, court_code, year, type_code, serial, filed_on, cause,"
                " title_document, categories, livelihood, filing_fee_fen, extensions,"
                " excluded_periods, claim_fen, recovered_fen, status, closure_kind, closed_on,"
                " applicant_consents, executing_court, officers, record_sha256, import_run_id,"
                " source_line, receipts_recorded, applicant_informed_on) from stdin");
    for (size_t i = 0; i < records.size(); ++i) {
      const CaseRecord& c = *records[i]->record;
      bool livelihood = false;
      for (const auto& cat : c.categories) livelihood = livelihood || is_livelihood_category(cat);
      copy.field(case_ids[i]).field(c.case_number.text()).field(c.case_number.court_code);
      copy.field(c.case_number.year).field(c.case_number.type_code).field(c.case_number.serial);
      copy.field(c.filed_on.iso()).field(c.cause);
      if (c.title_document) copy.field(title_document_json(*c.title_document)); else copy.null();
      copy.field(pg_text_array(c.categories)).field(pg_bool(livelihood));
      if (c.filing_fee) copy.field(c.filing_fee->fen()); else copy.null();
      copy.field(periods_json(c.extensions, "approved_by"));
      copy.field(periods_json(c.excluded_periods, "reason"));
      copy.field(c.claim.fen()).field(c.recovered.fen()).field(c.status);
      if (c.closure) {
        copy.field(c.closure->kind).field(c.closure->on.iso()).field(pg_bool(c.closure->applicant_consents));
      } else {
        copy.null().null().field("f");
      }
      if (c.executing_court) copy.field(*c.executing_court); else copy.null();
      copy.field(officers_json(c.officers)).field(records[i]->sha256).field(run_id_);
      copy.field(records[i]->line).field(pg_bool(c.receipts.has_value()));
      if (c.closure && c.closure->applicant_informed_on)
        copy.field(c.closure->applicant_informed_on->iso());
      else
        copy.null();
      copy.end_row();
    }
    copy.finish();
  }
  {
    CopyIn copy(sql_,
                "copy receipts (case_id, position, received_on, amount_fen, source, reference,"
                " import_run_id, source_line) from stdin");
    for (size_t i = 0; i < records.size(); ++i) {
      const auto& receipts = records[i]->record->receipts;
      if (!receipts) continue;
      int position = 0;
      for (const auto& r : *receipts) {
        copy.field(case_ids[i]).field(position++).field(r.on.iso()).field(r.amount.fen());
        copy.field_or_null(r.source ? &*r.source : nullptr);
        copy.field_or_null(r.reference ? &*r.reference : nullptr);
        copy.field(run_id_).field(records[i]->line);
        copy.end_row();
      }
    }
    copy.finish();
  }
  {
    CopyIn copy(sql_, "copy case_sources (case_id, record_sha256, import_run_id, source_line) from stdin");
    for (size_t i = 0; i < records.size(); ++i) {
      copy.field(case_ids[i]).field(records[i]->sha256).field(run_id_).field(records[i]->line);
      copy.end_row();
    }
    copy.finish();
  }
  {
    CopyIn copy(sql_,
                "copy parties (id, case_id, party_key, position, role, kind, name, address, phone,"
                " gender, birth_date, ethnicity, occupation, id_number, uscc, legal_rep, bank_name,"
                " bank_account, import_run_id, source_line) from stdin");
    for (size_t i = 0; i < records.size(); ++i) {
      int position = 0;
      for (const auto& p : records[i]->record->parties) {
        copy.field(party_id_of[i][p.id]).field(case_ids[i]).field(p.id).field(position++);
        copy.field(p.role).field(p.kind).field(p.name).field(p.address);
        if (p.phone) copy.field(*p.phone); else copy.null();
        if (p.is_person()) {
          copy.field(p.gender).field(p.birth_date->iso()).field(p.ethnicity);
          if (p.occupation) copy.field(*p.occupation); else copy.null();
          copy.field(p.id_number).null().null();
        } else {
          copy.null().null().null().null().null().field(p.uscc);
          if (p.legal_rep) copy.field(legal_rep_json(*p.legal_rep)); else copy.null();
        }
        if (p.bank_account) copy.field(p.bank_account->bank).field(p.bank_account->account);
        else copy.null().null();
        copy.field(run_id_).field(records[i]->line);
        copy.end_row();
      }
    }
    copy.finish();
  }
  {
    CopyIn copy(sql_, "copy agents (party_id, position, name, kind, firm, special_authority) from stdin");
    bool any = false;
    for (size_t i = 0; i < records.size(); ++i)
      for (const auto& p : records[i]->record->parties) {
        int position = 0;
        for (const auto& a : p.agents) {
          any = true;
          copy.field(party_id_of[i][p.id]).field(position++).field(a.name).field(a.kind);
          if (a.firm) copy.field(*a.firm); else copy.null();
          copy.field(pg_bool(a.special_authority));
          copy.end_row();
        }
      }
    (void)any;
    copy.finish();
  }
  {
    CopyIn copy(sql_,
                "copy measures (case_id, position, kind, taken_on, against_party, amount_fen,"
                " target, period, note, result, import_run_id, source_line) from stdin");
    for (size_t i = 0; i < records.size(); ++i) {
      int position = 0;
      for (const auto& m : records[i]->record->measures) {
        copy.field(case_ids[i]).field(position++).field(m.kind).field(m.on.iso());
        copy.field(party_id_of[i][m.against]);
        if (m.amount) copy.field(m.amount->fen()); else copy.null();
        copy.field_or_null(m.target ? &*m.target : nullptr);
        copy.field_or_null(m.period ? &*m.period : nullptr);
        copy.field_or_null(m.note ? &*m.note : nullptr);
        copy.field_or_null(m.result ? &*m.result : nullptr);
        copy.field(run_id_).field(records[i]->line);
        copy.end_row();
      }
    }
    copy.finish();
  }
  if (n_settlements > 0) {
    {
      CopyIn copy(sql_,
                  "copy settlements (id, case_id, signed_on, total_fen, grace_days, guarantor, place,"
                  " import_run_id, source_line) from stdin");
      size_t s = 0;
      for (size_t i = 0; i < records.size(); ++i) {
        const auto& st = records[i]->record->settlement;
        if (!st) continue;
        copy.field(settlement_ids[s++]).field(case_ids[i]).field(st->signed_on.iso());
        copy.field(st->total.fen()).field(st->grace_days);
        if (st->guarantor) copy.field(party_id_of[i][*st->guarantor]); else copy.null();
        copy.field_or_null(st->place ? &*st->place : nullptr);
        copy.field(run_id_).field(records[i]->line);
        copy.end_row();
      }
      copy.finish();
    }
    CopyIn copy(sql_, "copy installments (settlement_id, position, due_on, amount_fen) from stdin");
    size_t s = 0;
    for (size_t i = 0; i < records.size(); ++i) {
      const auto& st = records[i]->record->settlement;
      if (!st) continue;
      int position = 0;
      for (const auto& inst : st->installments) {
        copy.field(settlement_ids[s]).field(position++).field(inst.due_on.iso()).field(inst.amount.fen());
        copy.end_row();
      }
      ++s;
    }
    copy.finish();
  }
  {
    CopyIn copy(sql_,
                "copy relief_applications (case_id, applicant, applied_on, ground, basis_item,"
                " household_size, household_monthly_income_fen, has_dibao, medical_expenses_fen,"
                " prior_compensation_fen, flags, panel_decided_on, panel_granted, panel_amount_fen,"
                " panel_members, panel_exception_approved, panel_source, import_run_id, source_line)"
                " from stdin");
    for (size_t i = 0; i < records.size(); ++i) {
      const auto& r = records[i]->record->relief;
      if (!r) continue;
      copy.field(case_ids[i]).field(party_id_of[i][r->applicant]).field(r->applied_on.iso());
      copy.field(r->ground).field(r->basis_item);
      if (r->household_size) copy.field(*r->household_size); else copy.null();
      if (r->household_monthly_income) copy.field(r->household_monthly_income->fen()); else copy.null();
      if (r->has_dibao) copy.field(pg_bool(*r->has_dibao)); else copy.null();
      if (r->medical_expenses) copy.field(r->medical_expenses->fen()); else copy.null();
      if (r->prior_compensation) copy.field(r->prior_compensation->fen()); else copy.null();
      copy.field(pg_text_array(r->flags));
      if (r->panel) {
        copy.field(r->panel->decided_on.iso()).field(pg_bool(r->panel->granted));
        if (r->panel->amount) copy.field(r->panel->amount->fen()); else copy.null();
        copy.field(pg_text_array(r->panel->members)).field(pg_bool(r->panel->exception_approved));
        copy.field("import");
      } else {
        copy.null().null().null().null().field("f").null();
      }
      copy.field(run_id_).field(records[i]->line);
      copy.end_row();
    }
    copy.finish();
  }
}

UpsertResult CaseStore::update_existing(const SourcedRecord& rec, long long case_id) {
  const CaseRecord& c = *rec.record;
  UpsertResult result;
  result.outcome = UpsertOutcome::updated;

  // --- read phase: decide conflicts before writing anything ---
  std::string filed_on, cause;
  long long recovered_fen = 0;
  int same_title = 0;
  std::string title = c.title_document ? title_document_json(*c.title_document) : "null";
  sql_ << "select to_char(filed_on, 'YYYY-MM-DD'), cause, recovered_fen,"
          " (coalesce(title_document, 'null'::jsonb) = cast(:t as jsonb))::int"
          " from cases where id = :id for update",
      soci::use(title), soci::use(case_id), soci::into(filed_on), soci::into(cause),
      soci::into(recovered_fen), soci::into(same_title);
  if (filed_on != c.filed_on.iso())
    return {UpsertOutcome::conflict, conflict("filed_on", "立案日期不可更改（已记录 " + filed_on + "）")};
  if (cause != c.cause)
    return {UpsertOutcome::conflict, conflict("cause", "案由不可更改（已记录 " + cause + "）")};
  if (!same_title)
    return {UpsertOutcome::conflict, conflict("title_document", "执行依据不可更改")};
  if (c.recovered.fen() < recovered_fen)
    return {UpsertOutcome::conflict,
            conflict("recovered", "执行到位金额不能低于已记录的 " +
                                      Money::from_fen(recovered_fen).plain() + " 元")};

  struct StoredParty {
    long long id;
    std::string kind, name, id_number, uscc;
  };
  std::map<std::string, StoredParty> stored;
  int max_position = -1;
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << "select id, party_key, kind, name, coalesce(id_number, ''),"
                         " coalesce(uscc, ''), position from parties where case_id = :id",
         soci::use(case_id));
    for (const auto& r : rows) {
      stored[r.get<std::string>(1)] = {r.get<long long>(0), r.get<std::string>(2),
                                       r.get<std::string>(3), r.get<std::string>(4),
                                       r.get<std::string>(5)};
      max_position = std::max(max_position, r.get<int>(6));
    }
  }
  for (size_t i = 0; i < c.parties.size(); ++i) {
    const Party& p = c.parties[i];
    auto it = stored.find(p.id);
    if (it == stored.end()) continue;
    std::string path = "parties[" + std::to_string(i) + "]";
    if (it->second.kind != p.kind || it->second.name != p.name)
      return {UpsertOutcome::conflict, conflict(path + ".name", "当事人身份不可更改")};
    if (it->second.id_number != p.id_number)
      return {UpsertOutcome::conflict, conflict(path + ".id_number", "当事人公民身份号码不可更改")};
    if (it->second.uscc != p.uscc)
      return {UpsertOutcome::conflict, conflict(path + ".uscc", "统一社会信用代码不可更改")};
  }

  std::optional<std::tuple<std::string, bool, long long, std::string, bool>> stored_panel;
  {
    std::string decided, members;
    int granted = 0, exception = 0;
    long long amount = -1;
    soci::indicator ind_decided, ind_amount;
    sql_ << "select to_char(panel_decided_on, 'YYYY-MM-DD'), coalesce(panel_granted, false)::int,"
            " panel_amount_fen, coalesce(array_to_string(panel_members, ','), ''),"
            " panel_exception_approved::int from relief_applications where case_id = :id",
        soci::use(case_id), soci::into(decided, ind_decided), soci::into(granted),
        soci::into(amount, ind_amount), soci::into(members), soci::into(exception);
    if (sql_.got_data() && ind_decided == soci::i_ok)
      stored_panel = std::make_tuple(decided, granted != 0, ind_amount == soci::i_ok ? amount : -1,
                                     members, exception != 0);
  }
  if (stored_panel && c.relief && c.relief->panel) {
    const auto& p = *c.relief->panel;
    std::string members;
    for (size_t i = 0; i < p.members.size(); ++i) members += (i ? "," : "") + p.members[i];
    auto incoming = std::make_tuple(p.decided_on.iso(), p.granted,
                                    p.amount ? p.amount->fen() : -1LL, members, p.exception_approved);
    if (incoming != *stored_panel)
      return {UpsertOutcome::conflict,
              conflict("relief.panel", "合议庭救助决定与已记录的决定不一致")};
  }

  // Receipts are append-only: every stored one must come again unchanged; new ones are added
  // after them. A stored reference with other facts is a change; a stored receipt not matched
  // is a drop (or a change of a receipt without reference).
  struct StoredReceipt {
    std::string key, on;
    long long amount_fen;
  };
  std::vector<StoredReceipt> stored_receipts;
  std::map<std::string, std::string> stored_reference;  // reference -> key
  int next_receipt_position = 0;
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << "select to_char(received_on, 'YYYY-MM-DD'), amount_fen,"
                         " coalesce(source, ''), coalesce(reference, ''), position"
                         " from receipts where case_id = :id order by position",
         soci::use(case_id));
    for (const auto& r : rows) {
      const std::string on = r.get<std::string>(0), reference = r.get<std::string>(3);
      const long long fen = r.get<long long>(1);
      std::string key = fact_key({on, std::to_string(fen), r.get<std::string>(2), reference});
      if (!reference.empty()) stored_reference[reference] = key;
      stored_receipts.push_back({std::move(key), on, fen});
      next_receipt_position = std::max(next_receipt_position, r.get<int>(4) + 1);
    }
  }
  std::vector<const Receipt*> new_receipts;
  if (!stored_receipts.empty() && !c.receipts)
    return {UpsertOutcome::conflict,
            conflict("receipts",
                     "已记录的" + std::to_string(stored_receipts.size()) + "笔收款记录不可删除")};
  if (c.receipts) {
    std::map<std::string, int> unmatched;
    for (const auto& sr : stored_receipts) ++unmatched[sr.key];
    for (size_t i = 0; i < c.receipts->size(); ++i) {
      const Receipt& r = (*c.receipts)[i];
      auto it = unmatched.find(receipt_key(r));
      if (it != unmatched.end() && it->second > 0) {
        --it->second;
        continue;
      }
      if (r.reference && stored_reference.count(*r.reference))
        return {UpsertOutcome::conflict,
                conflict("receipts[" + std::to_string(i) + "]",
                         "参考号为" + *r.reference + "的收款记录已记录，不可更改")};
      new_receipts.push_back(&r);
    }
    for (const auto& sr : stored_receipts)
      if (unmatched[sr.key] > 0)
        return {
            UpsertOutcome::conflict,
            conflict("receipts", "已记录的" + sr.on + "收款" +
                                     Money::from_fen(sr.amount_fen).plain() + "元不可删除或更改")};
  }

  // --- write phase ---
  bool livelihood = false;
  for (const auto& cat : c.categories) livelihood = livelihood || is_livelihood_category(cat);
  std::string categories = pg_text_array(c.categories);
  std::string extensions = periods_json(c.extensions, "approved_by");
  std::string excluded = periods_json(c.excluded_periods, "reason");
  std::string officers = officers_json(c.officers);
  std::string closure_kind = c.closure ? c.closure->kind : "";
  std::string closed_on = c.closure ? c.closure->on.iso() : "";
  soci::indicator ck = c.closure ? soci::i_ok : soci::i_null;
  int consents = c.closure && c.closure->applicant_consents ? 1 : 0;
  long long fee = c.filing_fee ? c.filing_fee->fen() : 0;
  soci::indicator fee_ind = c.filing_fee ? soci::i_ok : soci::i_null;
  std::string exec_court = c.executing_court.value_or("");
  soci::indicator exec_ind = c.executing_court ? soci::i_ok : soci::i_null;
  long long recovered = c.recovered.fen();
  int receipts_given = c.receipts ? 1 : 0;
  std::string informed =
      c.closure && c.closure->applicant_informed_on ? c.closure->applicant_informed_on->iso() : "";
  soci::indicator informed_ind =
      c.closure && c.closure->applicant_informed_on ? soci::i_ok : soci::i_null;
  std::string status = c.status;
  std::string sha = rec.sha256;
  long long line = rec.line;
  const int livelihood_flag = livelihood ? 1 : 0;  // bound by reference: no temporary
  sql_ << "update cases set status = :st, closure_kind = :ck, closed_on = cast(:co as date),"
          " applicant_consents = cast(:ac as boolean), recovered_fen = :rec, categories = "
          "cast(:cat as text[]),"
          " livelihood = cast(:lv as boolean), officers = cast(:off as jsonb), extensions = "
          "cast(:ext as jsonb),"
          " excluded_periods = cast(:exc as jsonb), filing_fee_fen = :fee, executing_court = :ec,"
          " record_sha256 = :sha, updated_run_id = :run, updated_line = :line,"
          " receipts_recorded = receipts_recorded or cast(:rr as boolean),"
          " applicant_informed_on = cast(:inf as date) where id = :id",
      soci::use(status), soci::use(closure_kind, ck), soci::use(closed_on, ck), soci::use(consents),
      soci::use(recovered), soci::use(categories), soci::use(livelihood_flag),
      soci::use(officers), soci::use(extensions), soci::use(excluded), soci::use(fee, fee_ind),
      soci::use(exec_court, exec_ind), soci::use(sha), soci::use(run_id_), soci::use(line),
      soci::use(receipts_given), soci::use(informed, informed_ind), soci::use(case_id);
  sql_ << "insert into case_sources (case_id, record_sha256, import_run_id, source_line)"
          " values (:c, :s, :r, :l) on conflict do nothing",
      soci::use(case_id), soci::use(sha), soci::use(run_id_), soci::use(line);

  // Parties: mutable facts updated, new parties added, agents replaced.
  std::map<std::string, long long> party_ids;
  for (auto& [key, sp] : stored) party_ids[key] = sp.id;
  for (const auto& p : c.parties) {
    std::string phone = p.phone.value_or("");
    soci::indicator phone_ind = p.phone ? soci::i_ok : soci::i_null;
    std::string bank = p.bank_account ? p.bank_account->bank : "";
    std::string account = p.bank_account ? p.bank_account->account : "";
    soci::indicator bank_ind = p.bank_account ? soci::i_ok : soci::i_null;
    std::string address = p.address;
    long long pid;
    auto it = stored.find(p.id);
    if (it != stored.end()) {
      pid = it->second.id;
      sql_ << "update parties set address = :a, phone = :p, bank_name = :b, bank_account = :acc"
              " where id = :id",
          soci::use(address), soci::use(phone, phone_ind), soci::use(bank, bank_ind),
          soci::use(account, bank_ind), soci::use(pid);
      sql_ << "delete from agents where party_id = :id", soci::use(pid);
    } else {
      std::string key = p.id, role = p.role, kind = p.kind, name = p.name;
      std::string gender = p.gender, ethnicity = p.ethnicity, occupation = p.occupation.value_or("");
      std::string birth = p.birth_date ? p.birth_date->iso() : "";
      std::string idn = p.id_number, uscc = p.uscc;
      std::string rep = p.legal_rep ? legal_rep_json(*p.legal_rep) : "";
      soci::indicator person = p.is_person() ? soci::i_ok : soci::i_null;
      soci::indicator org = p.is_person() ? soci::i_null : soci::i_ok;
      soci::indicator occ = p.occupation ? soci::i_ok : soci::i_null;
      soci::indicator rep_ind = p.legal_rep ? soci::i_ok : soci::i_null;
      int position = ++max_position;
      sql_ << "insert into parties (case_id, party_key, position, role, kind, name, address, phone,"
              " gender, birth_date, ethnicity, occupation, id_number, uscc, legal_rep, bank_name,"
              " bank_account, import_run_id, source_line) values (:c, :k, :pos, :r, :kind, :n, :a,"
              " :ph, :g, cast(:bd as date), :e, :o, :idn, :u, cast(:rep as jsonb), :b, :acc, :run, :line)"
              " returning id",
          soci::use(case_id), soci::use(key), soci::use(position), soci::use(role), soci::use(kind),
          soci::use(name), soci::use(address), soci::use(phone, phone_ind),
          soci::use(gender, person), soci::use(birth, person), soci::use(ethnicity, person),
          soci::use(occupation, occ), soci::use(idn, person), soci::use(uscc, org),
          soci::use(rep, rep_ind), soci::use(bank, bank_ind), soci::use(account, bank_ind),
          soci::use(run_id_), soci::use(line), soci::into(pid);
      party_ids[p.id] = pid;
    }
    int position = 0;
    for (const auto& a : p.agents) {
      std::string name = a.name, kind = a.kind, firm = a.firm.value_or("");
      soci::indicator firm_ind = a.firm ? soci::i_ok : soci::i_null;
      int special = a.special_authority ? 1 : 0;
      int pos = position++;
      sql_ << "insert into agents (party_id, position, name, kind, firm, special_authority)"
              " values (:p, :pos, :n, :k, :f, cast(:s as boolean))",
          soci::use(pid), soci::use(pos), soci::use(name), soci::use(kind),
          soci::use(firm, firm_ind), soci::use(special);
    }
  }

  // Measures: known ones stay; new ones are added after them.
  std::map<std::string, int> known;
  int next_position = 0;
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << "select m.kind, to_char(m.taken_on, 'YYYY-MM-DD'), p.party_key,"
                         " coalesce(m.amount_fen::text, ''), coalesce(m.target, ''),"
                         " coalesce(m.period, ''), coalesce(m.note, ''), coalesce(m.result, ''),"
                         " m.position from measures m join parties p on p.id = m.against_party"
                         " where m.case_id = :id",
         soci::use(case_id));
    for (const auto& r : rows) {
      ++known[measure_key(r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                          r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
                          r.get<std::string>(6), r.get<std::string>(7))];
      next_position = std::max(next_position, r.get<int>(8) + 1);
    }
  }
  for (const auto& m : c.measures) {
    auto& count = known[measure_key(m)];
    if (count > 0) {
      --count;
      continue;
    }
    std::string kind = m.kind, on = m.on.iso();
    long long against = party_ids[m.against];
    long long amount = m.amount ? m.amount->fen() : 0;
    soci::indicator amount_ind = m.amount ? soci::i_ok : soci::i_null;
    std::string target = m.target.value_or(""), period = m.period.value_or("");
    std::string note = m.note.value_or(""), res = m.result.value_or("");
    soci::indicator ti = m.target ? soci::i_ok : soci::i_null, pi = m.period ? soci::i_ok : soci::i_null;
    soci::indicator ni = m.note ? soci::i_ok : soci::i_null, ri = m.result ? soci::i_ok : soci::i_null;
    int position = next_position++;
    sql_ << "insert into measures (case_id, position, kind, taken_on, against_party, amount_fen,"
            " target, period, note, result, import_run_id, source_line) values (:c, :pos, :k,"
            " cast(:on as date), :ag, :am, :t, :p, :n, :r, :run, :line)",
        soci::use(case_id), soci::use(position), soci::use(kind), soci::use(on), soci::use(against),
        soci::use(amount, amount_ind), soci::use(target, ti), soci::use(period, pi),
        soci::use(note, ni), soci::use(res, ri), soci::use(run_id_), soci::use(line);
  }

  // Receipts: the new ones after those recorded.
  for (const Receipt* r : new_receipts) {
    std::string on = r->on.iso(), source = r->source.value_or(""), ref = r->reference.value_or("");
    soci::indicator si = r->source ? soci::i_ok : soci::i_null;
    soci::indicator ri = r->reference ? soci::i_ok : soci::i_null;
    long long amount = r->amount.fen();
    int position = next_receipt_position++;
    sql_ << "insert into receipts (case_id, position, received_on, amount_fen, source, reference,"
            " import_run_id, source_line) values (:c, :pos, cast(:on as date), :a, :s, :r, :run,"
            " :line)",
        soci::use(case_id), soci::use(position), soci::use(on), soci::use(amount),
        soci::use(source, si), soci::use(ref, ri), soci::use(run_id_), soci::use(line);
  }

  // Settlement: replaced as a whole.
  if (c.settlement) {
    const auto& st = *c.settlement;
    std::string signed_on = st.signed_on.iso(), place = st.place.value_or("");
    soci::indicator place_ind = st.place ? soci::i_ok : soci::i_null;
    long long total = st.total.fen(), guarantor = st.guarantor ? party_ids[*st.guarantor] : 0;
    soci::indicator g_ind = st.guarantor ? soci::i_ok : soci::i_null;
    int grace = st.grace_days;
    long long sid = 0;
    sql_ << "insert into settlements (case_id, signed_on, total_fen, grace_days, guarantor, place,"
            " import_run_id, source_line) values (:c, cast(:s as date), :t, :g, :gu, :p, :run, :line)"
            " on conflict (case_id) do update set signed_on = excluded.signed_on,"
            " total_fen = excluded.total_fen, grace_days = excluded.grace_days,"
            " guarantor = excluded.guarantor, place = excluded.place,"
            " import_run_id = excluded.import_run_id, source_line = excluded.source_line"
            " returning id",
        soci::use(case_id), soci::use(signed_on), soci::use(total), soci::use(grace),
        soci::use(guarantor, g_ind), soci::use(place, place_ind), soci::use(run_id_),
        soci::use(line), soci::into(sid);
    sql_ << "delete from installments where settlement_id = :s", soci::use(sid);
    int position = 0;
    for (const auto& inst : st.installments) {
      std::string due = inst.due_on.iso();
      long long amount = inst.amount.fen();
      int pos = position++;
      sql_ << "insert into installments (settlement_id, position, due_on, amount_fen)"
              " values (:s, :p, cast(:d as date), :a)",
          soci::use(sid), soci::use(pos), soci::use(due), soci::use(amount);
    }
  }

  // Relief application: facts replaced; a recorded panel decision is never rewritten.
  if (c.relief) {
    const auto& r = *c.relief;
    long long applicant = party_ids[r.applicant];
    std::string applied = r.applied_on.iso(), ground = r.ground, basis = r.basis_item;
    int hs = r.household_size.value_or(0);
    soci::indicator hs_i = r.household_size ? soci::i_ok : soci::i_null;
    long long income = r.household_monthly_income ? r.household_monthly_income->fen() : 0;
    soci::indicator income_i = r.household_monthly_income ? soci::i_ok : soci::i_null;
    int dibao = r.has_dibao.value_or(false) ? 1 : 0;
    soci::indicator dibao_i = r.has_dibao ? soci::i_ok : soci::i_null;
    long long medical = r.medical_expenses ? r.medical_expenses->fen() : 0;
    soci::indicator medical_i = r.medical_expenses ? soci::i_ok : soci::i_null;
    long long prior = r.prior_compensation ? r.prior_compensation->fen() : 0;
    soci::indicator prior_i = r.prior_compensation ? soci::i_ok : soci::i_null;
    std::string flags = pg_text_array(r.flags);
    sql_ << "insert into relief_applications (case_id, applicant, applied_on, ground, basis_item,"
            " household_size, household_monthly_income_fen, has_dibao, medical_expenses_fen,"
            " prior_compensation_fen, flags, import_run_id, source_line) values (:c, :a,"
            " cast(:d as date), :g, :b, :hs, :inc, cast(:dib as boolean), :med, :pri, cast(:f as text[]), :run, :line)"
            " on conflict (case_id) do update set applicant = excluded.applicant,"
            " applied_on = excluded.applied_on, ground = excluded.ground,"
            " basis_item = excluded.basis_item, household_size = excluded.household_size,"
            " household_monthly_income_fen = excluded.household_monthly_income_fen,"
            " has_dibao = excluded.has_dibao, medical_expenses_fen = excluded.medical_expenses_fen,"
            " prior_compensation_fen = excluded.prior_compensation_fen, flags = excluded.flags,"
            " import_run_id = excluded.import_run_id, source_line = excluded.source_line",
        soci::use(case_id), soci::use(applicant), soci::use(applied), soci::use(ground),
        soci::use(basis), soci::use(hs, hs_i), soci::use(income, income_i),
        soci::use(dibao, dibao_i), soci::use(medical, medical_i), soci::use(prior, prior_i),
        soci::use(flags), soci::use(run_id_), soci::use(line);
    if (r.panel && !stored_panel) {
      const auto& p = *r.panel;
      std::string decided = p.decided_on.iso(), members = pg_text_array(p.members);
      int granted = p.granted ? 1 : 0, exception = p.exception_approved ? 1 : 0;
      long long amount = p.amount ? p.amount->fen() : 0;
      soci::indicator amount_i = p.amount ? soci::i_ok : soci::i_null;
      sql_ << "update relief_applications set panel_decided_on = cast(:d as date),"
              " panel_granted = cast(:g as boolean), panel_amount_fen = :a, panel_members = cast(:m as text[]),"
              " panel_exception_approved = cast(:e as boolean), panel_source = 'import' where case_id = :c",
          soci::use(decided), soci::use(granted), soci::use(amount, amount_i), soci::use(members),
          soci::use(exception), soci::use(case_id);
    }
  }
  return result;
}

}  // namespace zhixing
