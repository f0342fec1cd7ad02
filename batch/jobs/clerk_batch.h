// `zhixing batch`: a clerk's document batch (the selection of `zhixing docs`) run as a recorded
// job instance — job `batch`, identified by its request id — with steps, counts, failures,
// progress and restart. It shares the documents table's unique key with the nightly run, so
// both may run at once and no document is issued twice.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "config/settings.h"
#include "documents/kinds/document_kind.h"
#include "jobs/job_runner.h"

namespace zhixing::jobs {

struct ClerkBatchOptions {
  documents::DocumentKind kind = documents::DocumentKind::notice;
  std::vector<std::string> case_numbers;  // either these …
  std::string filter;                     // … or a filter (as `zhixing docs`)
  std::filesystem::path out_dir;
  bool reissue = false;
  std::string user = "clerk";
  std::string
      request_id;  // identifies the instance: the same id again restarts or reports complete
  bool rerun = false;
};

// A new request id: "<user>-<YYYYMMDD-HHMMSS>-<pid>".
std::string new_request_id(const std::string& user);

RunResult run_clerk_batch(const Settings& settings, const ClerkBatchOptions& options,
                          std::ostream& out);

}  // namespace zhixing::jobs
