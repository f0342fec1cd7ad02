#include "store/case_store.h"

#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

#include "core/json_text.h"
#include "core/masking.h"
#include "store/case_rows.h"

namespace zhixing {

namespace {

std::string json_string_array(const std::vector<std::string>& values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + json_quote(values[i]);
  return s + "]";
}

}  // namespace

namespace case_rows {

std::string legal_rep_json(const LegalRep& r) {
  return "{\"name\":" + json_quote(r.name) + ",\"title\":" + json_quote(r.title) +
         ",\"kind\":" + json_quote(r.kind) + "}";
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
  std::string s = "{\"enforcers\":" + json_string_array(o.enforcers) +
                  ",\"enforcer_title\":" + json_quote(o.enforcer_title);
  if (o.presiding) s += ",\"presiding\":" + json_quote(*o.presiding);
  s += ",\"judges\":" + json_string_array(o.judges) + ",\"clerk\":" + json_quote(o.clerk) + "}";
  return s;
}

std::string title_document_json(const TitleDocument& t) {
  return "{\"number\":" + json_quote(t.number) + ",\"kind\":" + json_quote(t.kind) +
         ",\"court\":" + json_quote(t.court) + ",\"effective_on\":\"" + t.effective_on.iso() +
         "\"}";
}

std::string periods_json(const std::vector<Period>& periods, const char* note_key) {
  std::string s = "[";
  for (size_t i = 0; i < periods.size(); ++i) {
    s += i ? "," : "";
    s += "{\"from\":\"" + periods[i].from.iso() + "\",\"to\":\"" + periods[i].to.iso() + "\",\"" +
         note_key + "\":" + json_quote(periods[i].note) + "}";
  }
  return s + "]";
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

}  // namespace zhixing
