#include "support/shell.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <regex>

#include "support/scratch_db.h"

namespace zhixing::testing {

CommandResult run_shell(const std::string& command) {
  CommandResult r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

CommandResult run_zhixing(const std::string& binary, const std::string& args) {
  return run_shell("ZHIXING_DB_NAME=" + ScratchDatabase::target().name + " " + binary + " " + args);
}

std::string pdf_text(const std::string& pdf_path) {
  std::string text;
  for (char c : run_shell("pdftotext '" + pdf_path + "' -").out)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r') text += c;
  return std::regex_replace(text, std::regex("—[0-9]+—"), "");
}

}  // namespace zhixing::testing
