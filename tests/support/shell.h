// Running commands from end-to-end tests: the zhixing binary as a user runs it, and the
// poppler tools that check what a reader sees.
#pragma once

#include <string>

namespace zhixing::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs `command` with /bin/sh; stderr is merged into `out`.
CommandResult run_shell(const std::string& command);

// `zhixing ARGS` against the scratch database (ZHIXING_DB_NAME), `binary` being the built
// executable (the e2e target's ZHIXING_BINARY).
CommandResult run_zhixing(const std::string& binary, const std::string& args);

// What a reader gets from a PDF (pdftotext), without spaces, line and page breaks and the page
// numbers "— 1 —" (furniture, not the document's text), so that a sentence can be searched
// across lines and pages.
std::string pdf_text(const std::string& pdf_path);

}  // namespace zhixing::testing
