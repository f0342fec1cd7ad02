#include "store/case_store.h"

#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

#include "core/json_text.h"
#include "core/masking.h"
#include "store/case_rows.h"

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

}  // namespace zhixing::inline store
