// PostgreSQL's own client programs (pg_dump, pg_dumpall, pg_restore) run as child processes,
// from db.pg_bin. A password in the connection string never reaches the command line (where `ps`
// would show it): it is taken out and handed over in PGPASSWORD.
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"

namespace zhixing::backup {

// Runs `<db.pg_bin>/<program> args… -d <conninfo>`; throws BackupError `code` with the program's
// output (last lines) when it exits non-zero.
void run_pg_program(const Settings& settings, const std::string& program,
                    std::vector<std::string> args, const std::string& conninfo,
                    const std::string& code);

// The conninfo with its "password=…" taken out, and the password.
std::pair<std::string, std::string> split_password(const std::string& conninfo);

}  // namespace zhixing::backup
