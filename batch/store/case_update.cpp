// CaseStore::update_existing: a known case under the update rules. The read phase decides
// every conflict before anything is written; the write phase then updates the case row,
// updates and adds parties, adds new measures and receipts, and replaces the settlement and
// the relief application's facts.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/case_record.h"
#include "store/case_rows.h"
#include "store/case_store.h"

namespace zhixing::inline store {

namespace {

using case_rows::conflict;
using case_rows::fact_key;
using case_rows::legal_rep_json;
using case_rows::measure_key;
using case_rows::receipt_key;

using Conflict = std::optional<UpsertResult>;

// Filing date, cause and title document never change; the recovered amount never falls.
Conflict check_fixed_facts(soci::session& sql, const CaseRecord& c, long long case_id) {
  std::string filed_on, cause;
  long long recovered_fen = 0;
  int same_title = 0;
  std::string title = c.title_document ? title_document_json(*c.title_document) : "null";
  sql << "select to_char(filed_on, 'YYYY-MM-DD'), cause, recovered_fen,"
         " (coalesce(title_document, 'null'::jsonb) = cast(:t as jsonb))::int"
         " from cases where id = :id for update",
      soci::use(title), soci::use(case_id), soci::into(filed_on), soci::into(cause),
      soci::into(recovered_fen), soci::into(same_title);
  if (filed_on != c.filed_on.iso())
    return UpsertResult{UpsertOutcome::conflict,
                        conflict("filed_on", "立案日期不可更改（已记录 " + filed_on + "）")};
  if (cause != c.cause)
    return UpsertResult{UpsertOutcome::conflict,
                        conflict("cause", "案由不可更改（已记录 " + cause + "）")};
  if (!same_title)
    return UpsertResult{UpsertOutcome::conflict, conflict("title_document", "执行依据不可更改")};
  if (c.recovered.fen() < recovered_fen)
    return UpsertResult{UpsertOutcome::conflict,
                        conflict("recovered", "执行到位金额不能低于已记录的 " +
                                                  Money::from_fen(recovered_fen).plain() + " 元")};
  return std::nullopt;
}

struct StoredParty {
  long long id;
  std::string kind, name, id_number, uscc;
};
struct StoredParties {
  std::map<std::string, StoredParty> by_key;
  int max_position = -1;
};

// The stored parties; a party's kind, name, ID number and credit code never change.
Conflict read_parties(soci::session& sql, const CaseRecord& c, long long case_id,
                      StoredParties& parties) {
  std::map<std::string, StoredParty>& stored = parties.by_key;
  int& max_position = parties.max_position;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select id, party_key, kind, name, coalesce(id_number, ''),"
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
      return UpsertResult{UpsertOutcome::conflict, conflict(path + ".name", "当事人身份不可更改")};
    if (it->second.id_number != p.id_number)
      return UpsertResult{UpsertOutcome::conflict,
                          conflict(path + ".id_number", "当事人公民身份号码不可更改")};
    if (it->second.uscc != p.uscc)
      return UpsertResult{UpsertOutcome::conflict,
                          conflict(path + ".uscc", "统一社会信用代码不可更改")};
  }
  return std::nullopt;
}

// decided on, granted, amount (-1 = none), members, exception approved.
using StoredPanel = std::optional<std::tuple<std::string, bool, long long, std::string, bool>>;

// The recorded panel decision; an incoming one must be the same.
Conflict read_panel(soci::session& sql, const CaseRecord& c, long long case_id,
                    StoredPanel& stored_panel) {
  {
    std::string decided, members;
    int granted = 0, exception = 0;
    long long amount = -1;
    soci::indicator ind_decided, ind_amount;
    sql << "select to_char(panel_decided_on, 'YYYY-MM-DD'), coalesce(panel_granted, false)::int,"
           " panel_amount_fen, coalesce(array_to_string(panel_members, ','), ''),"
           " panel_exception_approved::int from relief_applications where case_id = :id",
        soci::use(case_id), soci::into(decided, ind_decided), soci::into(granted),
        soci::into(amount, ind_amount), soci::into(members), soci::into(exception);
    if (sql.got_data() && ind_decided == soci::i_ok)
      stored_panel = std::make_tuple(decided, granted != 0, ind_amount == soci::i_ok ? amount : -1,
                                     members, exception != 0);
  }
  if (stored_panel && c.relief && c.relief->panel) {
    const auto& p = *c.relief->panel;
    std::string members;
    for (size_t i = 0; i < p.members.size(); ++i) members += (i ? "," : "") + p.members[i];
    auto incoming =
        std::make_tuple(p.decided_on.iso(), p.granted, p.amount ? p.amount->fen() : -1LL, members,
                        p.exception_approved);
    if (incoming != *stored_panel)
      return UpsertResult{UpsertOutcome::conflict,
                          conflict("relief.panel", "合议庭救助决定与已记录的决定不一致")};
  }
  return std::nullopt;
}

// Receipts are append-only: every stored one must come again unchanged; new ones are added
// after them. A stored reference with other facts is a change; a stored receipt not matched
// is a drop (or a change of a receipt without reference).
struct StoredReceipt {
  std::string key, on;
  long long amount_fen;
};
Conflict match_receipts(soci::session& sql, const CaseRecord& c, long long case_id,
                        std::vector<const Receipt*>& new_receipts, int& next_receipt_position) {
  std::vector<StoredReceipt> stored_receipts;
  std::map<std::string, std::string> stored_reference;  // reference -> key
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select to_char(received_on, 'YYYY-MM-DD'), amount_fen,"
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
  if (!stored_receipts.empty() && !c.receipts)
    return UpsertResult{UpsertOutcome::conflict,
                        conflict("receipts", "已记录的" + std::to_string(stored_receipts.size()) +
                                                 "笔收款记录不可删除")};
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
        return UpsertResult{UpsertOutcome::conflict,
                            conflict("receipts[" + std::to_string(i) + "]",
                                     "参考号为" + *r.reference + "的收款记录已记录，不可更改")};
      new_receipts.push_back(&r);
    }
    for (const auto& sr : stored_receipts)
      if (unmatched[sr.key] > 0)
        return UpsertResult{
            UpsertOutcome::conflict,
            conflict("receipts", "已记录的" + sr.on + "收款" +
                                     Money::from_fen(sr.amount_fen).plain() + "元不可删除或更改")};
  }
  return std::nullopt;
}

void update_case_row(soci::session& sql, int64_t run_id, const SourcedRecord& rec,
                     long long case_id, long long& line) {
  const CaseRecord& c = *rec.record;
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
  const int livelihood_flag = livelihood ? 1 : 0;  // bound by reference: no temporary
  sql << "update cases set status = :st, closure_kind = :ck, closed_on = cast(:co as date),"
         " applicant_consents = cast(:ac as boolean), recovered_fen = :rec, categories = "
         "cast(:cat as text[]),"
         " livelihood = cast(:lv as boolean), officers = cast(:off as jsonb), extensions = "
         "cast(:ext as jsonb),"
         " excluded_periods = cast(:exc as jsonb), filing_fee_fen = :fee, executing_court = :ec,"
         " record_sha256 = :sha, updated_run_id = :run, updated_line = :line,"
         " receipts_recorded = receipts_recorded or cast(:rr as boolean),"
         " applicant_informed_on = cast(:inf as date) where id = :id",
      soci::use(status), soci::use(closure_kind, ck), soci::use(closed_on, ck), soci::use(consents),
      soci::use(recovered), soci::use(categories), soci::use(livelihood_flag), soci::use(officers),
      soci::use(extensions), soci::use(excluded), soci::use(fee, fee_ind),
      soci::use(exec_court, exec_ind), soci::use(sha), soci::use(run_id), soci::use(line),
      soci::use(receipts_given), soci::use(informed, informed_ind), soci::use(case_id);
  sql << "insert into case_sources (case_id, record_sha256, import_run_id, source_line)"
         " values (:c, :s, :r, :l) on conflict do nothing",
      soci::use(case_id), soci::use(sha), soci::use(run_id), soci::use(line);
}

// Parties: mutable facts updated, new parties added, agents replaced. Returns party key -> id.
std::map<std::string, long long> write_parties(soci::session& sql, int64_t run_id,
                                               const CaseRecord& c, long long case_id,
                                               long long& line, StoredParties& parties) {
  const std::map<std::string, StoredParty>& stored = parties.by_key;
  int& max_position = parties.max_position;
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
      sql << "update parties set address = :a, phone = :p, bank_name = :b, bank_account = :acc"
             " where id = :id",
          soci::use(address), soci::use(phone, phone_ind), soci::use(bank, bank_ind),
          soci::use(account, bank_ind), soci::use(pid);
      sql << "delete from agents where party_id = :id", soci::use(pid);
    } else {
      std::string key = p.id, role = p.role, kind = p.kind, name = p.name;
      std::string gender = p.gender, ethnicity = p.ethnicity,
                  occupation = p.occupation.value_or("");
      std::string birth = p.birth_date ? p.birth_date->iso() : "";
      std::string idn = p.id_number, uscc = p.uscc;
      std::string rep = p.legal_rep ? legal_rep_json(*p.legal_rep) : "";
      soci::indicator person = p.is_person() ? soci::i_ok : soci::i_null;
      soci::indicator org = p.is_person() ? soci::i_null : soci::i_ok;
      soci::indicator occ = p.occupation ? soci::i_ok : soci::i_null;
      soci::indicator rep_ind = p.legal_rep ? soci::i_ok : soci::i_null;
      int position = ++max_position;
      sql << "insert into parties (case_id, party_key, position, role, kind, name, address, phone,"
             " gender, birth_date, ethnicity, occupation, id_number, uscc, legal_rep, bank_name,"
             " bank_account, import_run_id, source_line) values (:c, :k, :pos, :r, :kind, :n, :a,"
             " :ph, :g, cast(:bd as date), :e, :o, :idn, :u, cast(:rep as jsonb), :b, :acc, :run, "
             ":line)"
             " returning id",
          soci::use(case_id), soci::use(key), soci::use(position), soci::use(role), soci::use(kind),
          soci::use(name), soci::use(address), soci::use(phone, phone_ind),
          soci::use(gender, person), soci::use(birth, person), soci::use(ethnicity, person),
          soci::use(occupation, occ), soci::use(idn, person), soci::use(uscc, org),
          soci::use(rep, rep_ind), soci::use(bank, bank_ind), soci::use(account, bank_ind),
          soci::use(run_id), soci::use(line), soci::into(pid);
      party_ids[p.id] = pid;
    }
    int position = 0;
    for (const auto& a : p.agents) {
      std::string name = a.name, kind = a.kind, firm = a.firm.value_or("");
      soci::indicator firm_ind = a.firm ? soci::i_ok : soci::i_null;
      int special = a.special_authority ? 1 : 0;
      int pos = position++;
      sql << "insert into agents (party_id, position, name, kind, firm, special_authority)"
             " values (:p, :pos, :n, :k, :f, cast(:s as boolean))",
          soci::use(pid), soci::use(pos), soci::use(name), soci::use(kind),
          soci::use(firm, firm_ind), soci::use(special);
    }
  }

  return party_ids;
}

// Measures: known ones stay; new ones are added after them.
void add_new_measures(soci::session& sql, int64_t run_id, const CaseRecord& c, long long case_id,
                      long long& line, std::map<std::string, long long>& party_ids) {
  std::map<std::string, int> known;
  int next_position = 0;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select m.kind, to_char(m.taken_on, 'YYYY-MM-DD'), p.party_key,"
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
    soci::indicator ti = m.target ? soci::i_ok : soci::i_null,
                    pi = m.period ? soci::i_ok : soci::i_null;
    soci::indicator ni = m.note ? soci::i_ok : soci::i_null,
                    ri = m.result ? soci::i_ok : soci::i_null;
    int position = next_position++;
    sql << "insert into measures (case_id, position, kind, taken_on, against_party, amount_fen,"
           " target, period, note, result, import_run_id, source_line) values (:c, :pos, :k,"
           " cast(:on as date), :ag, :am, :t, :p, :n, :r, :run, :line)",
        soci::use(case_id), soci::use(position), soci::use(kind), soci::use(on), soci::use(against),
        soci::use(amount, amount_ind), soci::use(target, ti), soci::use(period, pi),
        soci::use(note, ni), soci::use(res, ri), soci::use(run_id), soci::use(line);
  }
}

// Receipts: the new ones after those recorded.
void add_new_receipts(soci::session& sql, int64_t run_id, long long case_id, long long& line,
                      const std::vector<const Receipt*>& new_receipts, int next_receipt_position) {
  for (const Receipt* r : new_receipts) {
    std::string on = r->on.iso(), source = r->source.value_or(""), ref = r->reference.value_or("");
    soci::indicator si = r->source ? soci::i_ok : soci::i_null;
    soci::indicator ri = r->reference ? soci::i_ok : soci::i_null;
    long long amount = r->amount.fen();
    int position = next_receipt_position++;
    sql << "insert into receipts (case_id, position, received_on, amount_fen, source, reference,"
           " import_run_id, source_line) values (:c, :pos, cast(:on as date), :a, :s, :r, :run,"
           " :line)",
        soci::use(case_id), soci::use(position), soci::use(on), soci::use(amount),
        soci::use(source, si), soci::use(ref, ri), soci::use(run_id), soci::use(line);
  }
}

// Settlement: replaced as a whole.
void replace_settlement(soci::session& sql, int64_t run_id, const Settlement& st, long long case_id,
                        long long& line, std::map<std::string, long long>& party_ids) {
  std::string signed_on = st.signed_on.iso(), place = st.place.value_or("");
  soci::indicator place_ind = st.place ? soci::i_ok : soci::i_null;
  long long total = st.total.fen(), guarantor = st.guarantor ? party_ids[*st.guarantor] : 0;
  soci::indicator g_ind = st.guarantor ? soci::i_ok : soci::i_null;
  int grace = st.grace_days;
  long long sid = 0;
  sql << "insert into settlements (case_id, signed_on, total_fen, grace_days, guarantor, place,"
         " import_run_id, source_line) values (:c, cast(:s as date), :t, :g, :gu, :p, :run, :line)"
         " on conflict (case_id) do update set signed_on = excluded.signed_on,"
         " total_fen = excluded.total_fen, grace_days = excluded.grace_days,"
         " guarantor = excluded.guarantor, place = excluded.place,"
         " import_run_id = excluded.import_run_id, source_line = excluded.source_line"
         " returning id",
      soci::use(case_id), soci::use(signed_on), soci::use(total), soci::use(grace),
      soci::use(guarantor, g_ind), soci::use(place, place_ind), soci::use(run_id), soci::use(line),
      soci::into(sid);
  sql << "delete from installments where settlement_id = :s", soci::use(sid);
  int position = 0;
  for (const auto& inst : st.installments) {
    std::string due = inst.due_on.iso();
    long long amount = inst.amount.fen();
    int pos = position++;
    sql << "insert into installments (settlement_id, position, due_on, amount_fen)"
           " values (:s, :p, cast(:d as date), :a)",
        soci::use(sid), soci::use(pos), soci::use(due), soci::use(amount);
  }
}

// Relief application: facts replaced; a recorded panel decision is never rewritten.
void write_relief(soci::session& sql, int64_t run_id, const ReliefApplication& r, long long case_id,
                  long long& line, std::map<std::string, long long>& party_ids,
                  const StoredPanel& stored_panel) {
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
  sql << "insert into relief_applications (case_id, applicant, applied_on, ground, basis_item,"
         " household_size, household_monthly_income_fen, has_dibao, medical_expenses_fen,"
         " prior_compensation_fen, flags, import_run_id, source_line) values (:c, :a,"
         " cast(:d as date), :g, :b, :hs, :inc, cast(:dib as boolean), :med, :pri, cast(:f as "
         "text[]), :run, :line)"
         " on conflict (case_id) do update set applicant = excluded.applicant,"
         " applied_on = excluded.applied_on, ground = excluded.ground,"
         " basis_item = excluded.basis_item, household_size = excluded.household_size,"
         " household_monthly_income_fen = excluded.household_monthly_income_fen,"
         " has_dibao = excluded.has_dibao, medical_expenses_fen = excluded.medical_expenses_fen,"
         " prior_compensation_fen = excluded.prior_compensation_fen, flags = excluded.flags,"
         " import_run_id = excluded.import_run_id, source_line = excluded.source_line",
      soci::use(case_id), soci::use(applicant), soci::use(applied), soci::use(ground),
      soci::use(basis), soci::use(hs, hs_i), soci::use(income, income_i), soci::use(dibao, dibao_i),
      soci::use(medical, medical_i), soci::use(prior, prior_i), soci::use(flags), soci::use(run_id),
      soci::use(line);
  if (r.panel && !stored_panel) {
    const auto& p = *r.panel;
    std::string decided = p.decided_on.iso(), members = pg_text_array(p.members);
    int granted = p.granted ? 1 : 0, exception = p.exception_approved ? 1 : 0;
    long long amount = p.amount ? p.amount->fen() : 0;
    soci::indicator amount_i = p.amount ? soci::i_ok : soci::i_null;
    sql << "update relief_applications set panel_decided_on = cast(:d as date),"
           " panel_granted = cast(:g as boolean), panel_amount_fen = :a, panel_members = cast(:m "
           "as text[]),"
           " panel_exception_approved = cast(:e as boolean), panel_source = 'import' where case_id "
           "= :c",
        soci::use(decided), soci::use(granted), soci::use(amount, amount_i), soci::use(members),
        soci::use(exception), soci::use(case_id);
  }
}

}  // namespace

UpsertResult CaseStore::update_existing(const SourcedRecord& rec, long long case_id) {
  const CaseRecord& c = *rec.record;
  UpsertResult result;
  result.outcome = UpsertOutcome::updated;

  // Read phase: decide conflicts before writing anything.
  if (Conflict found = check_fixed_facts(sql_, c, case_id)) return *found;
  StoredParties parties;
  if (Conflict found = read_parties(sql_, c, case_id, parties)) return *found;
  StoredPanel stored_panel;
  if (Conflict found = read_panel(sql_, c, case_id, stored_panel)) return *found;
  std::vector<const Receipt*> new_receipts;
  int next_receipt_position = 0;
  if (Conflict found = match_receipts(sql_, c, case_id, new_receipts, next_receipt_position))
    return *found;

  // Write phase.
  long long line = rec.line;
  update_case_row(sql_, run_id_, rec, case_id, line);
  std::map<std::string, long long> party_ids =
      write_parties(sql_, run_id_, c, case_id, line, parties);
  add_new_measures(sql_, run_id_, c, case_id, line, party_ids);
  add_new_receipts(sql_, run_id_, case_id, line, new_receipts, next_receipt_position);
  if (c.settlement) replace_settlement(sql_, run_id_, *c.settlement, case_id, line, party_ids);
  if (c.relief) write_relief(sql_, run_id_, *c.relief, case_id, line, party_ids, stored_panel);
  return result;
}

}  // namespace zhixing::inline store
