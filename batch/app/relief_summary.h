// What `zhixing relief assess` and the nightly run share: the policy file and the summary lines.
#pragma once

#include <ostream>

#include "app/settings.h"
#include "jobs/relief_run.h"
#include "relief/policy.h"
#include "store/relief_store.h"

namespace zhixing::cli {

// config/relief-policy.properties, or the file named by the setting relief.policy.
relief::Policy load_relief_policy(const Settings& settings);
void print_relief_run(std::ostream& out, const ReliefRunReport& report);
void print_numbering(std::ostream& out, const NumberingReport& report);

}  // namespace zhixing::cli
