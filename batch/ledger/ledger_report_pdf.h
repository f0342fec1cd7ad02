// The ledger report as PDF: the report's blocks laid out on the document profile and written by
// the PDF writer (the same path as DocumentEngine::render, without templates).
#pragma once

#include <filesystem>
#include <string>

#include "ledger/ledger_report.h"

namespace zhixing::ledger {

// `root`: the project folder (fonts/). `profile`: "gbt9704" or "court". Returns the PDF bytes.
std::string render_ledger_report_pdf(const LedgerReport& report, const std::filesystem::path& root,
                                     const std::string& profile);

}  // namespace zhixing::ledger
