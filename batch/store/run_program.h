// Runs one of PostgreSQL's programs (initdb, pg_ctl, pg_dump, pg_restore, …) and captures what
// it prints: the private server (store/pg_server) and backups (backup/pg_tools) share it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace zhixing::inline store {

struct ProgramResult {
  int exit_code = 0;   // 127: could not be started; 128: ended by a signal
  std::string output;  // standard output and standard error, interleaved
};

// argv[0] is the program's path; `extra_env` is added to the child's environment (PGPASSWORD,
// so that a password never shows in a process list). Standard input is not redirected.
ProgramResult run_program(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& extra_env = {});

}  // namespace zhixing::inline store
