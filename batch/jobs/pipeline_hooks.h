// The nightly steps that belong to the relief and ledger modules, wired into the run:
//   relief_assess              after import: assess relief applications, decide, number 司救执
//   ledger_post_grants         after the documents: hand the granted decisions whose decision
//                              document was issued to the ledger, which posts them in
//                              decision-number order
//   ledger_apply_confirmations bank confirmations waiting in the inbox
//   ledger_post_payments       payments for confirmed grants
//   ledger_verify              the hash chain and balances
// Each is deterministic in key order (so a killed and rerun night equals a clean one) and
// idempotent by source key (a rerun posts nothing twice). The rules belong to the ledger: a
// business refusal by the ledger (a grant refused as insufficient_funds, over_cap …; a bank line
// mismatched, unknown, invalid) is a recorded, skipped item with its code: the night goes on and
// exits 3. A failure of the ledger itself (the database, a verify mismatch) returns
// StepStatus::failed or throws, and fails the run. Counts: read/written as in step.h.
#pragma once

#include "jobs/step.h"

namespace zhixing::jobs {

StepOutcome relief_assess(StepEnv& env);

StepOutcome ledger_post_grants(StepEnv& env);
StepOutcome ledger_apply_confirmations(StepEnv& env);
StepOutcome ledger_post_payments(StepEnv& env);
StepOutcome ledger_verify(StepEnv& env);

}  // namespace zhixing::jobs
