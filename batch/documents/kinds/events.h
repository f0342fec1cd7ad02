// Event planning: which documents a case is due, each identified by (kind, event date, position
// among the same kind's events on that date) and dated by its event:
//   notice                ← a `notice` measure                      dated its `on`
//   property-report-order ← a `property_report_order` measure       its `on`
//   ruling-freeze         ← a `freeze` or `deduct` measure          its `on`
//   ruling-seal           ← a `seal` or `seize` measure             its `on`
//   assist-notice         ← a `freeze`, `deduct`, `seal` or `seize` its `on`
//   ruling-zhongben       ← a `terminated_current` closure          the closure's `on`
//   consumption-ban       ← a `consumption_ban` measure             its `on`
//   settlement            ← a `settlement`                          its `signed_on`
//   relief-decision       ← a ReliefDecisionRecord                  its `decided_on`
//   relief-voucher        ← a ReliefGrantRecord (a posted grant)    the panel's `decided_on`
// The relief kinds come only from the records the relief and ledger modules hand in: the case
// record's own relief.panel carries no 司救执 case number, so it is not enough for a decision.
#pragma once

#include <vector>

#include "core/case_record.h"
#include "documents/kinds/document_kind.h"

namespace zhixing::inline documents {

// Every event of the case, grouped by kind (all_kinds() order), then by date, then by position.
std::vector<DocumentEvent> due_events(const CaseRecord& record, const ReliefRecords& relief = {});

// The events of one kind; throws DocumentError(not_applicable) when the case has none.
std::vector<DocumentEvent> due_events(DocumentKind kind, const CaseRecord& record,
                                      const ReliefRecords& relief = {});

// The event (kind, date, position); throws DocumentError(not_applicable) if there is none.
DocumentEvent find_event(DocumentKind kind, const CaseRecord& record, Date date, int position = 1,
                         const ReliefRecords& relief = {});

}  // namespace zhixing::inline documents
