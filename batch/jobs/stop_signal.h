// SIGINT and SIGTERM ask a run to stop after the items in hand: the run is recorded as stopped
// and can be restarted. A second signal ends the process at once (the default action).
#pragma once

namespace zhixing::jobs {

void install_stop_handlers();
bool stop_requested();
// For tests and the scheduler: ask as if a signal had arrived.
void request_stop();

}  // namespace zhixing::jobs
