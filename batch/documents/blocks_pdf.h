// Blocks without a template to PDF: the reports' and the ledger report's path through the
// document engine (page profile layout, per-document hb-subset fonts, the PDF writer), the same
// as DocumentEngine::render after its templates.
#pragma once

#include <filesystem>
#include <string>

#include "documents/layout/blocks.h"

namespace zhixing::inline documents {

// `root`: the project folder (fonts/). `profile`: "gbt9704" or "court". Returns the PDF bytes.
std::string render_blocks_pdf(const layout::Document& document, const std::filesystem::path& root,
                              const std::string& profile);

}  // namespace zhixing::inline documents
