#include "documents/kinds/events.h"

#include <algorithm>
#include <map>

namespace zhixing::inline documents {
namespace {

bool due_from_measure(DocumentKind kind, std::string_view measure) {
  switch (kind) {
    case DocumentKind::notice:
      return measure == "notice";
    case DocumentKind::property_report_order:
      return measure == "property_report_order";
    case DocumentKind::ruling_freeze:
      return measure == "freeze" || measure == "deduct";
    case DocumentKind::ruling_seal:
      return measure == "seal" || measure == "seize";
    case DocumentKind::assist_notice:
      return measure == "freeze" || measure == "deduct" || measure == "seal" || measure == "seize";
    case DocumentKind::consumption_ban:
      return measure == "consumption_ban";
    default:
      return false;
  }
}

// The events of one kind in record order, before positions are assigned.
std::vector<DocumentEvent> raw_events(DocumentKind kind, const CaseRecord& record,
                                      const ReliefRecords& relief) {
  std::vector<DocumentEvent> out;
  const auto add = [&](Date date) -> DocumentEvent& {
    out.push_back(DocumentEvent{kind, date, 1, std::nullopt, std::nullopt});
    return out.back();
  };
  switch (kind) {
    case DocumentKind::ruling_zhongben:
      if (record.closure && record.closure->kind == "terminated_current") add(record.closure->on);
      break;
    case DocumentKind::settlement:
      if (record.settlement) add(record.settlement->signed_on);
      break;
    case DocumentKind::relief_decision:
      for (std::size_t i = 0; i < relief.decisions.size(); ++i)
        add(relief.decisions[i].decided_on).relief_index = i;
      break;
    case DocumentKind::relief_voucher:
      for (std::size_t i = 0; i < relief.grants.size(); ++i)
        add(relief.grants[i].decided_on).relief_index = i;
      break;
    default:
      for (std::size_t i = 0; i < record.measures.size(); ++i)
        if (due_from_measure(kind, record.measures[i].kind))
          add(record.measures[i].on).measure_index = i;
      break;
  }
  // By date; record order among events of one date (stable), which fixes the positions.
  std::stable_sort(out.begin(), out.end(),
                   [](const DocumentEvent& a, const DocumentEvent& b) { return a.date < b.date; });
  std::map<Date, int> seen;
  for (auto& e : out) e.position = ++seen[e.date];
  return out;
}

std::string describe(DocumentKind kind, const CaseRecord& record) {
  return std::string(kind_name(kind)) + " for " + record.case_number.text();
}

}  // namespace

std::vector<DocumentEvent> due_events(const CaseRecord& record, const ReliefRecords& relief) {
  std::vector<DocumentEvent> all;
  for (const DocumentKind kind : all_kinds()) {
    auto events = raw_events(kind, record, relief);
    all.insert(all.end(), events.begin(), events.end());
  }
  return all;
}

std::vector<DocumentEvent> due_events(DocumentKind kind, const CaseRecord& record,
                                      const ReliefRecords& relief) {
  auto events = raw_events(kind, record, relief);
  if (events.empty())
    throw DocumentError(
        DocumentErrorCode::not_applicable,
        describe(kind, record) + ": the case has no event this document is due from");
  return events;
}

DocumentEvent find_event(DocumentKind kind, const CaseRecord& record, Date date, int position,
                         const ReliefRecords& relief) {
  for (const auto& e : due_events(kind, record, relief))
    if (e.date == date && e.position == position) return e;
  throw DocumentError(DocumentErrorCode::not_applicable, describe(kind, record) + ": no event on " +
                                                             date.iso() + " at position " +
                                                             std::to_string(position));
}

}  // namespace zhixing::inline documents
