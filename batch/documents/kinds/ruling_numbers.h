// Telling apart the rulings (执行裁定书) of one case
// (法〔2016〕37号《最高人民法院关于在同一案件多个裁判文书上规范使用案号有关事项的通知》: the first
// of a case's documents of one type carries the case number alone, the second on carry 之一, 之二
// …). Freeze, seal and 终本 rulings are all 裁定书, so they share one sequence per case.
//
// An ordinal belongs to a ruling event and is assigned once, when the event is planned (the
// store keeps it: store/ruling_number_store.h), in the order (event date, kind, position); it
// never changes afterwards. 0 is the case number alone, n is 之n.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/case_record.h"
#include "documents/kinds/document_kind.h"

namespace zhixing::inline documents {

// EventKey and RulingNumbers (a ruling event → its ordinal) are in document_kind.h.

bool is_ruling(DocumentKind kind);  // ruling-freeze, ruling-seal, ruling-zhongben

EventKey event_key(const DocumentEvent& event);

// Every ruling event of the case, in (date, kind, position) order.
std::vector<EventKey> ruling_events(const CaseRecord& record);

// The ruling a document is (a ruling event) or serves (an assistance notice: the ruling of its
// measure); nullopt for the other kinds.
std::optional<EventKey> ruling_of(const DocumentEvent& event, const CaseRecord& record);

// The ordinals to add when `planned` ruling events are planned: every ruling event of the case
// that has none yet and sorts at or before the last planned one, in (date, kind, position)
// order. An unnumbered event whose document was issued before numbering existed (`issued`)
// keeps the case number alone (0); the others continue after the highest ordinal in use (the
// first ruling of a case gets 0). Deterministic: the same inputs give the same ordinals.
std::vector<std::pair<EventKey, int>> assign_ruling_numbers(const CaseRecord& record,
                                                            const RulingNumbers& existing,
                                                            const std::vector<EventKey>& planned,
                                                            const std::set<EventKey>& issued = {});

// "之一", "之十二"; "" for 0.
std::string ruling_suffix(int ordinal);
// "（2024）冀0633执1234号之一".
std::string ruling_number_text(const CaseNumber& number, int ordinal);

}  // namespace zhixing::inline documents
