// The nightly steps that belong to the relief and ledger modules. Until those modules are
// merged each hook returns StepStatus::disabled (recorded, counted zero); the lead replaces the
// bodies in pipeline_hooks.cpp, and nothing else in the pipeline changes:
//   relief_assess              after import: assess relief applications, decide, number 司救执
//   relief_records             for planning and rendering: the relief decisions and posted grants
//                              of the given cases (relief-decision and relief-voucher documents)
//   ledger_post_grants         after the documents: post granted relief in case-number order
//   ledger_apply_confirmations bank confirmations waiting in the inbox
//   ledger_post_payments       payments for confirmed grants
//   ledger_verify              the hash chain and balances
// Rules for the bodies: deterministic in key order (so a killed and rerun night equals a clean
// one), idempotent by source key (a rerun posts nothing twice). A business refusal by the ledger
// (a grant refused as insufficient_funds, over_cap …; a bank line mismatched, unknown, invalid)
// is a recorded, skipped item with its code: the night goes on and exits 3. A failure of the
// ledger itself (the database, a verify mismatch) returns StepStatus::failed or throws, and fails
// the run. Counts: read/written as in step.h.
#pragma once

#include <map>
#include <vector>

#include "documents/kinds/document_kind.h"
#include "jobs/step.h"

namespace zhixing::jobs {

StepOutcome relief_assess(StepEnv& env);

// Case id -> its relief records (decisions and posted grants). Default: none.
std::map<long long, documents::ReliefRecords> relief_records(
    soci::session& sql, const std::vector<long long>& case_ids);

StepOutcome ledger_post_grants(StepEnv& env);
StepOutcome ledger_apply_confirmations(StepEnv& env);
StepOutcome ledger_post_payments(StepEnv& env);
StepOutcome ledger_verify(StepEnv& env);

}  // namespace zhixing::jobs
