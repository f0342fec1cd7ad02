#include "documents/kinds/ruling_numbers.h"

#include <algorithm>

#include "core/chinese_date.h"
#include "documents/kinds/events.h"

namespace zhixing::inline documents {

bool is_ruling(DocumentKind kind) {
  return kind == DocumentKind::ruling_freeze || kind == DocumentKind::ruling_seal ||
         kind == DocumentKind::ruling_zhongben;
}

EventKey event_key(const DocumentEvent& event) {
  return EventKey{event.date, event.kind, event.position};
}

std::vector<EventKey> ruling_events(const CaseRecord& record) {
  std::vector<EventKey> out;
  for (const auto& e : due_events(record))
    if (is_ruling(e.kind)) out.push_back(event_key(e));
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<EventKey> ruling_of(const DocumentEvent& event, const CaseRecord& record) {
  if (is_ruling(event.kind)) return event_key(event);
  if (event.kind != DocumentKind::assist_notice || !event.measure_index ||
      *event.measure_index >= record.measures.size())
    return std::nullopt;
  const std::string& measure = record.measures[*event.measure_index].kind;
  const DocumentKind ruling = measure == "freeze" || measure == "deduct"
                                  ? DocumentKind::ruling_freeze
                                  : DocumentKind::ruling_seal;
  for (const auto& e : due_events(record))
    if (e.kind == ruling && e.measure_index == event.measure_index) return event_key(e);
  return std::nullopt;
}

std::vector<std::pair<EventKey, int>> assign_ruling_numbers(const CaseRecord& record,
                                                            const RulingNumbers& existing,
                                                            const std::vector<EventKey>& planned,
                                                            const std::set<EventKey>& issued) {
  std::vector<std::pair<EventKey, int>> out;
  std::optional<EventKey> last;
  for (const auto& p : planned)
    if (is_ruling(p.kind) && (!last || *last < p)) last = p;
  if (!last) return out;
  std::vector<EventKey> todo;
  for (const auto& key : ruling_events(record))
    if (!(*last < key) && !existing.contains(key)) todo.push_back(key);
  // Issued before numbering: they keep the case number alone.
  bool any = !existing.empty();
  int next = 0;
  for (const auto& [_, ordinal] : existing) next = std::max(next, ordinal + 1);
  for (const auto& key : todo)
    if (issued.contains(key)) {
      out.push_back({key, 0});
      any = true;
      next = std::max(next, 1);
    }
  for (const auto& key : todo) {
    if (issued.contains(key)) continue;
    const int ordinal = any ? std::max(next, 1) : 0;
    out.push_back({key, ordinal});
    any = true;
    next = ordinal + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ruling_suffix(int ordinal) {
  return ordinal <= 0 ? std::string() : "之" + chinese_numeral(ordinal);
}

std::string ruling_number_text(const CaseNumber& number, int ordinal) {
  return number.text() + ruling_suffix(ordinal);
}

}  // namespace zhixing::inline documents
