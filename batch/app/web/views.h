// The JSON objects and HTML pieces that more than one of the console's resources show: runs and
// their steps, failures and progress; issued documents. Messages pass through the one masking
// function for personal numbers.
#pragma once

#include <string>
#include <vector>

#include "jobs/job_repository.h"
#include "jobs/work_queue.h"
#include "store/web_store.h"

namespace zhixing::app::web {

std::string execution_json(const jobs::ExecutionInfo& e);
std::string step_json(const jobs::StepInfo& s);
std::string failure_json(const jobs::ItemFailure& f);
std::string progress_json(const jobs::QueueCounts& c);
std::string document_json(const IssuedDocument& d);

// A progress bar; while `running`, the page's script polls `poll_url` for new counts.
std::string progress_html(const jobs::QueueCounts& c, const std::string& poll_url, bool running);
std::string steps_table(const std::vector<jobs::StepInfo>& steps);
std::string failures_table(const std::vector<jobs::ItemFailure>& failures);
// `with_case`: a first column with the case number, linked to the case.
std::string documents_table(const std::vector<IssuedDocument>& docs, bool with_case);

}  // namespace zhixing::app::web
