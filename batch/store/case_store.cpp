#include "store/case_store.h"

#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

#include "core/json_text.h"
#include "core/masking.h"
#include "core/sha256.h"
#include "store/case_rows.h"
#include "store/case_update_plan.h"

namespace zhixing::inline store {

namespace case_rows {

std::string legal_rep_json(const LegalRep& r) {
  return JsonObject()
      .add_string("name", r.name)
      .add_string("title", r.title)
      .add_string("kind", r.kind)
      .str();
}

const char* pg_bool(bool b) { return b ? "t" : "f"; }

std::vector<long long> next_ids(soci::session& sql, IdReserve* reserve, const char* sequence,
                                size_t n) {
  if (reserve) return reserve->take(sql, sequence, n);
  return next_ids(sql, sequence, n);
}

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
  return measure_key(m.kind, m.on.iso(), m.against, m.amount ? std::to_string(m.amount->fen()) : "",
                     m.target.value_or(""), m.period.value_or(""), m.note.value_or(""),
                     m.result.value_or(""));
}

std::string receipt_key(const Receipt& r) {
  return fact_key({r.on.iso(), std::to_string(r.amount.fen()), r.source.value_or(""),
                   r.reference.value_or("")});
}

std::string or_null(const std::optional<std::string>& v) { return v ? *v : std::string(kNull); }

namespace {
std::string money_or_null(const std::optional<Money>& m) {
  return m ? std::to_string(m->fen()) : std::string(kNull);
}
const char* tf(bool b) { return b ? "t" : "f"; }
}  // namespace

std::string title_key(const std::optional<TitleDocument>& t) {
  if (!t) return std::string(kNull);
  return fact_key({t->number, t->kind, t->court, t->effective_on.iso()});
}

std::string party_mutable_key(const Party& p) {
  return fact_key({p.address, or_null(p.phone),
                   p.bank_account ? p.bank_account->bank : std::string(kNull),
                   p.bank_account ? p.bank_account->account : std::string(kNull)});
}

std::string agent_key(const Agent& a) {
  return fact_key({a.name, a.kind, or_null(a.firm), tf(a.special_authority)});
}

std::string settlement_key(const Settlement& s) {
  std::string installments;
  for (const auto& i : s.installments)
    installments += i.due_on.iso() + ":" + std::to_string(i.amount.fen()) + ";";
  return fact_key({s.signed_on.iso(), std::to_string(s.total.fen()), std::to_string(s.grace_days),
                   or_null(s.guarantor), or_null(s.place), installments});
}

std::string relief_key(const ReliefApplication& r) {
  std::string flags;
  for (size_t i = 0; i < r.flags.size(); ++i) flags += (i ? "\x1d" : "") + r.flags[i];
  return fact_key({r.applicant, r.applied_on.iso(), r.ground, r.basis_item,
                   r.household_size ? std::to_string(*r.household_size) : std::string(kNull),
                   money_or_null(r.household_monthly_income),
                   r.has_dibao ? tf(*r.has_dibao) : kNull, money_or_null(r.medical_expenses),
                   money_or_null(r.prior_compensation), flags});
}

bool is_livelihood(const CaseRecord& c) {
  for (const auto& cat : c.categories)
    if (is_livelihood_category(cat)) return true;
  return false;
}

std::string case_row_sha256(const CaseRecord& c) {
  const auto& cl = c.closure;
  return sha256_hex(fact_key(
      {c.status, cl ? cl->kind : kNull, cl ? cl->on.iso() : std::string(kNull),
       tf(cl && cl->applicant_consents), std::to_string(c.recovered.fen()),
       pg_text_array(c.categories), tf(is_livelihood(c)), officers_json(c.officers),
       periods_json(c.extensions, "approved_by"), periods_json(c.excluded_periods, "reason"),
       money_or_null(c.filing_fee), or_null(c.executing_court),
       cl && cl->applicant_informed_on ? cl->applicant_informed_on->iso() : std::string(kNull)}));
}

Rejection conflict(const std::string& field, const std::string& message) {
  return Rejection{"conflict", field, mask_personal_numbers(message)};
}

}  // namespace case_rows

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

IdReserve IdReserve::draw(soci::session& sql, const std::vector<const CaseRecord*>& records) {
  size_t parties = 0, settlements = 0;
  for (const CaseRecord* r : records) {
    parties += r->parties.size();
    settlements += r->settlement ? 1 : 0;
  }
  IdReserve reserve;
  reserve.cases_.ids = case_rows::next_ids(sql, "cases_id_seq", records.size());
  reserve.parties_.ids = case_rows::next_ids(sql, "parties_id_seq", parties);
  reserve.settlements_.ids = case_rows::next_ids(sql, "settlements_id_seq", settlements);
  return reserve;
}

IdReserve::Ids* IdReserve::of(const char* sequence) {
  const std::string_view s(sequence);
  if (s == "cases_id_seq") return &cases_;
  if (s == "parties_id_seq") return &parties_;
  if (s == "settlements_id_seq") return &settlements_;
  return nullptr;
}

std::vector<long long> IdReserve::take(soci::session& sql, const char* sequence, size_t n) {
  Ids* r = of(sequence);
  if (!r || r->ids.size() - r->used < n) return case_rows::next_ids(sql, sequence, n);
  std::vector<long long> out(r->ids.begin() + static_cast<std::ptrdiff_t>(r->used),
                             r->ids.begin() + static_cast<std::ptrdiff_t>(r->used + n));
  r->used += n;
  return out;
}

std::vector<UpsertResult> CaseStore::upsert(const std::vector<SourcedRecord>& records) {
  std::vector<UpsertResult> results(records.size());
  if (records.empty()) return results;

  std::vector<std::string> numbers, shas;
  numbers.reserve(records.size());
  shas.reserve(records.size());
  for (const auto& r : records) {
    numbers.push_back(r.record->case_number.text());
    shas.push_back(r.sha256);
  }

  // Known cases, and whether this very line already made or updated them.
  std::map<std::string, std::pair<long long, bool>> existing;
  {
    std::string arr = pg_text_array(numbers), sha_arr = pg_text_array(shas);
    soci::rowset<soci::row> rows =
        (sql_.prepare << "select c.id, c.case_number, (s.case_id is not null)::int"
                         " from unnest(cast(:a as text[]), cast(:h as text[])) as v(number, sha)"
                         " join cases c on c.case_number = v.number"
                         " left join case_sources s on s.case_id = c.id"
                         " and s.record_sha256 = v.sha",
         soci::use(arr), soci::use(sha_arr));
    for (const auto& row : rows)
      existing[row.get<std::string>(1)] = {row.get<long long>(0), row.get<int>(2) != 0};
  }

  std::vector<const SourcedRecord*> fresh, known;
  std::vector<long long> known_ids;
  std::vector<UpsertResult*> known_results;
  for (size_t i = 0; i < records.size(); ++i) {
    auto it = existing.find(numbers[i]);
    if (it == existing.end()) {
      fresh.push_back(&records[i]);
      results[i].outcome = UpsertOutcome::inserted;
    } else if (it->second.second) {
      results[i].outcome = UpsertOutcome::unchanged;
    } else {
      known.push_back(&records[i]);
      known_ids.push_back(it->second.first);
      known_results.push_back(&results[i]);
    }
  }
  update_existing(known, known_ids, known_results);
  insert_new(fresh);
  return results;
}

void CaseStore::update_existing(const std::vector<const SourcedRecord*>& records,
                                const std::vector<long long>& ids,
                                std::vector<UpsertResult*>& results) {
  if (records.empty()) return;
  const auto stored = case_rows::read_stored_cases(sql_, ids);
  std::vector<case_rows::UpdatePlan> plans;
  plans.reserve(records.size());
  for (size_t k = 0; k < records.size(); ++k) {
    case_rows::UpdatePlan plan;
    *results[k] = case_rows::plan_update(*records[k], stored.at(ids[k]), plan);
    if (results[k]->outcome != UpsertOutcome::conflict) plans.push_back(std::move(plan));
  }
  case_rows::write_updates(sql_, run_id_, plans, ids_);
}

}  // namespace zhixing::inline store
