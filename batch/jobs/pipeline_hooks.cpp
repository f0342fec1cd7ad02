#include "jobs/pipeline_hooks.h"

namespace zhixing::jobs {

namespace {
StepOutcome not_installed(const char* module) {
  StepOutcome o;
  o.status = StepStatus::disabled;
  o.message = std::string("未启用：") + module + "尚未合并";
  return o;
}
}  // namespace

StepOutcome relief_assess(StepEnv&) { return not_installed("司法救助模块"); }

std::map<long long, documents::ReliefRecords> relief_records(soci::session&,
                                                             const std::vector<long long>&) {
  return {};
}

StepOutcome ledger_post_grants(StepEnv&) { return not_installed("救助金台账模块"); }
StepOutcome ledger_apply_confirmations(StepEnv&) { return not_installed("救助金台账模块"); }
StepOutcome ledger_post_payments(StepEnv&) { return not_installed("救助金台账模块"); }
StepOutcome ledger_verify(StepEnv&) { return not_installed("救助金台账模块"); }

}  // namespace zhixing::jobs
