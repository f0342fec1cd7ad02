// write_updates: the batch's update plans written set-based — COPY into session-local staging
// tables, then one UPDATE … FROM per table, and COPY straight into the tables for added rows.
// A round trip per table and batch, not per case.
#include <map>
#include <string>
#include <vector>

#include "store/case_rows.h"
#include "store/case_update_plan.h"
#include "store/pg_array.h"
#include "store/pg_raw.h"

namespace zhixing::inline store::case_rows {

namespace {

// Emptied at every commit; created once per session (quietly when they exist).
constexpr const char* kStagingTables =
    "set local client_min_messages = warning;"
    "create temp table if not exists import_stage_cases (case_id bigint, status text,"
    " closure_kind text, closed_on date, applicant_consents boolean, recovered_fen bigint,"
    " categories text[], livelihood boolean, officers jsonb, extensions jsonb,"
    " excluded_periods jsonb, filing_fee_fen bigint, executing_court text,"
    " receipts_recorded boolean, applicant_informed_on date, row_sha256 text,"
    " record_sha256 text, line integer) on commit delete rows;"
    "create temp table if not exists import_stage_parties (id bigint, address text, phone text,"
    " bank_name text, bank_account text) on commit delete rows;"
    "create temp table if not exists import_stage_settlements (id bigint, case_id bigint,"
    " signed_on date, total_fen bigint, grace_days integer, guarantor bigint, place text,"
    " import_run_id bigint, source_line integer) on commit delete rows;"
    "create temp table if not exists import_stage_relief (case_id bigint, applicant bigint,"
    " applied_on date, ground text, basis_item text, household_size integer,"
    " household_monthly_income_fen bigint, has_dibao boolean, medical_expenses_fen bigint,"
    " prior_compensation_fen bigint, flags text[], panel_decided_on date, panel_granted boolean,"
    " panel_amount_fen bigint, panel_members text[], panel_exception_approved boolean,"
    " panel_source text, import_run_id bigint, source_line integer) on commit delete rows";

RowSource source(int64_t run_id, const UpdatePlan& p) { return {run_id, p.rec->line}; }

// Party key -> id for every plan: the stored parties and the new ones (ids drawn here).
std::vector<std::map<std::string, long long>> party_ids(soci::session& sql, IdReserve* reserve,
                                                        const std::vector<UpdatePlan>& plans) {
  size_t n_new = 0;
  for (const auto& p : plans) n_new += p.new_parties.size();
  std::vector<long long> ids = next_ids(sql, reserve, "parties_id_seq", n_new);
  std::vector<std::map<std::string, long long>> out(plans.size());
  size_t k = 0;
  for (size_t i = 0; i < plans.size(); ++i) {
    for (const auto& [key, sp] : plans[i].stored->parties) out[i][key] = sp.id;
    for (const Party* p : plans[i].new_parties) out[i][p->id] = ids[k++];
  }
  return out;
}

// The case rows of the cases that change anything, and every plan's line in case_sources.
void write_cases(soci::session& sql, int64_t run_id, const std::vector<UpdatePlan>& plans) {
  CopyIn stage(sql,
               "copy import_stage_cases (case_id, status, closure_kind, closed_on,"
               " applicant_consents, recovered_fen, categories, livelihood, officers, extensions,"
               " excluded_periods, filing_fee_fen, executing_court, receipts_recorded,"
               " applicant_informed_on, row_sha256, record_sha256, line) from stdin");
  for (const auto& p : plans) {
    if (!p.changes_anything()) continue;
    const CaseRecord& c = *p.rec->record;
    const auto& cl = c.closure;
    stage.field(p.stored->id).field(c.status);
    if (cl)
      stage.field(cl->kind).field(cl->on.iso());
    else
      stage.null().null();
    stage.field(pg_bool(cl && cl->applicant_consents)).field(c.recovered.fen());
    stage.field(pg_text_array(c.categories)).field(pg_bool(is_livelihood(c)));
    stage.field(officers_json(c.officers)).field(periods_json(c.extensions, "approved_by"));
    stage.field(periods_json(c.excluded_periods, "reason"));
    if (c.filing_fee)
      stage.field(c.filing_fee->fen());
    else
      stage.null();
    stage.field_or_null(c.executing_court ? &*c.executing_court : nullptr);
    stage.field(pg_bool(c.receipts.has_value()));
    if (cl && cl->applicant_informed_on)
      stage.field(cl->applicant_informed_on->iso());
    else
      stage.null();
    stage.field(case_row_sha256(c)).field(p.rec->sha256).field(p.rec->line);
    stage.end_row();
  }
  // Analyzed so that the join probes cases by id instead of scanning it.
  if (stage.finish() > 0)
    exec_script(sql,
                "analyze import_stage_cases;"
                "update cases c set status = s.status, closure_kind = s.closure_kind,"
                " closed_on = s.closed_on, applicant_consents = s.applicant_consents,"
                " recovered_fen = s.recovered_fen, categories = s.categories,"
                " livelihood = s.livelihood, officers = s.officers, extensions = s.extensions,"
                " excluded_periods = s.excluded_periods, filing_fee_fen = s.filing_fee_fen,"
                " executing_court = s.executing_court,"
                " receipts_recorded = c.receipts_recorded or s.receipts_recorded,"
                " applicant_informed_on = s.applicant_informed_on, row_sha256 = s.row_sha256,"
                " record_sha256 = s.record_sha256, updated_run_id = " +
                    std::to_string(run_id) +
                    ", updated_line = s.line from import_stage_cases s where c.id = s.case_id");
  // The line is new to each of these cases (known lines never reach the update path).
  CopyIn sources(
      sql, "copy case_sources (case_id, record_sha256, import_run_id, source_line) from stdin");
  for (const auto& p : plans) {
    sources.field(p.stored->id).field(p.rec->sha256).field(run_id).field(p.rec->line);
    sources.end_row();
  }
  sources.finish();
}

// Known parties' mutable facts, new parties, and the agents of both.
void write_parties(soci::session& sql, int64_t run_id, const std::vector<UpdatePlan>& plans,
                   std::vector<std::map<std::string, long long>>& ids) {
  CopyIn stage(
      sql, "copy import_stage_parties (id, address, phone, bank_name, bank_account) from stdin");
  for (size_t i = 0; i < plans.size(); ++i)
    for (const Party* p : plans[i].changed_parties) {
      stage.field(ids[i][p->id]).field(p->address);
      stage.field_or_null(p->phone ? &*p->phone : nullptr);
      if (p->bank_account)
        stage.field(p->bank_account->bank).field(p->bank_account->account);
      else
        stage.null().null();
      stage.end_row();
    }
  if (stage.finish() > 0)
    exec_script(
        sql,
        "analyze import_stage_parties;"
        "update parties p set address = s.address, phone = s.phone, bank_name = s.bank_name,"
        " bank_account = s.bank_account from import_stage_parties s where p.id = s.id");
  CopyIn added(sql, kCopyParties);
  for (size_t i = 0; i < plans.size(); ++i) {
    int position = plans[i].stored->max_party_position;
    for (const Party* p : plans[i].new_parties)
      copy_party_row(added, ids[i][p->id], plans[i].stored->id, *p, ++position,
                     source(run_id, plans[i]));
  }
  added.finish();
  std::vector<long long> replaced;
  for (size_t i = 0; i < plans.size(); ++i)
    for (const Party* p : plans[i].agents_replaced) replaced.push_back(ids[i][p->id]);
  if (!replaced.empty()) {
    std::string arr = pg_bigint_array(replaced);
    sql << "delete from agents where party_id = any(cast(:ids as bigint[]))", soci::use(arr);
  }
  CopyIn agents(sql, kCopyAgents);
  for (size_t i = 0; i < plans.size(); ++i) {
    for (const Party* p : plans[i].agents_replaced) copy_agent_rows(agents, ids[i][p->id], *p);
    for (const Party* p : plans[i].new_parties) copy_agent_rows(agents, ids[i][p->id], *p);
  }
  agents.finish();
}

// New measures and receipts, after the known ones.
void write_measures_and_receipts(soci::session& sql, int64_t run_id,
                                 const std::vector<UpdatePlan>& plans,
                                 std::vector<std::map<std::string, long long>>& ids) {
  CopyIn measures(sql, kCopyMeasures);
  for (size_t i = 0; i < plans.size(); ++i) {
    int position = plans[i].stored->next_measure_position;
    for (const Measure* m : plans[i].new_measures)
      copy_measure_row(measures, plans[i].stored->id, position++, *m, ids[i][m->against],
                       source(run_id, plans[i]));
  }
  measures.finish();
  CopyIn receipts(sql, kCopyReceipts);
  for (size_t i = 0; i < plans.size(); ++i) {
    int position = plans[i].stored->next_receipt_position;
    for (const Receipt* r : plans[i].new_receipts)
      copy_receipt_row(receipts, plans[i].stored->id, position++, *r, source(run_id, plans[i]));
  }
  receipts.finish();
}

// Changed settlements replaced as a whole: known ones updated in place (their ids stay),
// new ones added; the instalments of both written again.
void write_settlements(soci::session& sql, IdReserve* reserve, int64_t run_id,
                       const std::vector<UpdatePlan>& plans,
                       std::vector<std::map<std::string, long long>>& ids) {
  std::vector<size_t> added;
  std::vector<long long> known;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!plans[i].settlement_changed) continue;
    if (plans[i].stored->settlement_key)
      known.push_back(plans[i].stored->settlement_id);
    else
      added.push_back(i);
  }
  if (known.empty() && added.empty()) return;
  std::vector<long long> new_ids = next_ids(sql, reserve, "settlements_id_seq", added.size());
  std::map<size_t, long long> settlement_of;
  for (size_t k = 0; k < added.size(); ++k) settlement_of[added[k]] = new_ids[k];
  auto write = [&](CopyIn& copy, bool known_ones) {
    for (size_t i = 0; i < plans.size(); ++i) {
      if (!plans[i].settlement_changed || plans[i].stored->settlement_key.has_value() != known_ones)
        continue;
      const Settlement& st = *plans[i].rec->record->settlement;
      std::optional<long long> guarantor;
      if (st.guarantor) guarantor = ids[i][*st.guarantor];
      long long id = known_ones ? plans[i].stored->settlement_id : settlement_of[i];
      copy_settlement_row(copy, id, plans[i].stored->id, st, guarantor, source(run_id, plans[i]));
    }
    copy.finish();
  };
  {
    CopyIn stage(sql,
                 "copy import_stage_settlements (id, case_id, signed_on, total_fen, grace_days,"
                 " guarantor, place, import_run_id, source_line) from stdin");
    write(stage, true);
  }
  if (!known.empty()) {
    exec_script(sql,
                "analyze import_stage_settlements;"
                "update settlements t set signed_on = s.signed_on, total_fen = s.total_fen,"
                " grace_days = s.grace_days, guarantor = s.guarantor, place = s.place,"
                " import_run_id = s.import_run_id, source_line = s.source_line"
                " from import_stage_settlements s where t.id = s.id");
    std::string arr = pg_bigint_array(known);
    sql << "delete from installments where settlement_id = any(cast(:ids as bigint[]))",
        soci::use(arr);
  }
  {
    CopyIn copy(sql, kCopySettlements);
    write(copy, false);
  }
  CopyIn installments(sql, kCopyInstallments);
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!plans[i].settlement_changed) continue;
    long long id =
        plans[i].stored->settlement_key ? plans[i].stored->settlement_id : settlement_of[i];
    copy_installment_rows(installments, id, *plans[i].rec->record->settlement);
  }
  installments.finish();
}

// Relief applications: facts replaced; a panel decision only where none is recorded; new
// applications added whole.
void write_relief(soci::session& sql, int64_t run_id, const std::vector<UpdatePlan>& plans,
                  std::vector<std::map<std::string, long long>>& ids) {
  {
    CopyIn added(sql, kCopyReliefApplications);
    for (size_t i = 0; i < plans.size(); ++i) {
      const UpdatePlan& p = plans[i];
      if ((p.relief_changed || p.panel_added) && !p.stored->relief_key) {
        const ReliefApplication& r = *p.rec->record->relief;
        copy_relief_row(added, p.stored->id, ids[i][r.applicant], r, source(run_id, p));
      }
    }
    added.finish();
  }
  std::vector<long long> facts, panels;
  CopyIn stage(sql,
               "copy import_stage_relief (case_id, applicant, applied_on, ground, basis_item,"
               " household_size, household_monthly_income_fen, has_dibao, medical_expenses_fen,"
               " prior_compensation_fen, flags, panel_decided_on, panel_granted, panel_amount_fen,"
               " panel_members, panel_exception_approved, panel_source, import_run_id,"
               " source_line) from stdin");
  for (size_t i = 0; i < plans.size(); ++i) {
    const UpdatePlan& p = plans[i];
    if ((!p.relief_changed && !p.panel_added) || !p.stored->relief_key) continue;
    const ReliefApplication& r = *p.rec->record->relief;
    copy_relief_row(stage, p.stored->id, ids[i][r.applicant], r, source(run_id, p));
    if (p.relief_changed) facts.push_back(p.stored->id);
    if (p.panel_added) panels.push_back(p.stored->id);
  }
  stage.finish();
  if (!facts.empty()) {
    std::string arr = pg_bigint_array(facts);
    sql << "update relief_applications r set applicant = s.applicant, applied_on = s.applied_on,"
           " ground = s.ground, basis_item = s.basis_item, household_size = s.household_size,"
           " household_monthly_income_fen = s.household_monthly_income_fen,"
           " has_dibao = s.has_dibao, medical_expenses_fen = s.medical_expenses_fen,"
           " prior_compensation_fen = s.prior_compensation_fen, flags = s.flags,"
           " import_run_id = s.import_run_id, source_line = s.source_line"
           " from import_stage_relief s where r.case_id = s.case_id"
           " and s.case_id = any(cast(:ids as bigint[]))",
        soci::use(arr);
  }
  if (!panels.empty()) {
    std::string arr = pg_bigint_array(panels);
    sql << "update relief_applications r set panel_decided_on = s.panel_decided_on,"
           " panel_granted = s.panel_granted, panel_amount_fen = s.panel_amount_fen,"
           " panel_members = s.panel_members,"
           " panel_exception_approved = s.panel_exception_approved, panel_source = 'import'"
           " from import_stage_relief s where r.case_id = s.case_id"
           " and s.case_id = any(cast(:ids as bigint[]))",
        soci::use(arr);
  }
}

}  // namespace

void write_updates(soci::session& sql, int64_t run_id, const std::vector<UpdatePlan>& plans,
                   IdReserve* reserve) {
  if (plans.empty()) return;
  exec_script(sql, kStagingTables);
  auto ids = party_ids(sql, reserve, plans);
  write_cases(sql, run_id, plans);
  write_parties(sql, run_id, plans, ids);
  write_measures_and_receipts(sql, run_id, plans, ids);
  write_settlements(sql, reserve, run_id, plans, ids);
  write_relief(sql, run_id, plans, ids);
}

}  // namespace zhixing::inline store::case_rows
