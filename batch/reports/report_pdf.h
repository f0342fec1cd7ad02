// A report's blocks to PDF through the document engine: the page profile's layout and the PDF
// writer (per-document hb-subset fonts, libharu), the same path as the ledger report.
#pragma once

#include <filesystem>
#include <string>

#include "documents/layout/blocks.h"

namespace zhixing::reports {

// `root`: the project folder (fonts/). `profile`: "gbt9704" or "court". Returns the PDF bytes.
std::string render_report_pdf(const layout::Document& document, const std::filesystem::path& root,
                              const std::string& profile);

}  // namespace zhixing::reports
