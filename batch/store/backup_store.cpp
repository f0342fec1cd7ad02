#include "store/backup_store.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include "store/pg_raw.h"

namespace zhixing::inline store {

std::string begin_exported_snapshot(soci::session& sql) {
  sql << "begin isolation level repeatable read, read only";
  std::string id;
  sql << "select pg_export_snapshot()", soci::into(id);
  return id;
}

void end_snapshot(soci::session& sql) { sql << "commit"; }

std::vector<DocumentFileRow> document_files(soci::session& sql) {
  std::vector<DocumentFileRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select id, output_dir, path, sha256, size_bytes from documents order by id");
  for (const auto& r : rows) {
    DocumentFileRow d;
    d.id = r.get<long long>(0);
    d.output_dir = r.get<std::string>(1);
    d.path = r.get<std::string>(2);
    d.sha256 = r.get<std::string>(3);
    d.size_bytes = r.get<int>(4);
    out.push_back(std::move(d));
  }
  return out;
}

bool database_exists(soci::session& superuser, const std::string& name) {
  int n = 0;
  superuser << "select count(*) from pg_database where datname = :n", soci::use(name),
      soci::into(n);
  return n > 0;
}

long long user_relation_count(soci::session& sql) {
  long long n = 0;
  sql << "select count(*) from pg_class c join pg_namespace s on s.oid = c.relnamespace"
         " where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')"
         " and s.nspname not in ('pg_catalog', 'information_schema')"
         " and s.nspname not like 'pg\\_toast%'",
      soci::into(n);
  return n;
}

std::vector<std::string> create_missing_roles(soci::session& superuser,
                                              const std::string& roles_sql) {
  std::vector<std::string> existing;
  soci::rowset<std::string> names = (superuser.prepare << "select rolname from pg_roles");
  for (const auto& n : names) existing.push_back(n);
  // pg_dumpall writes one statement per line: "CREATE ROLE name;" then
  // "ALTER ROLE name WITH …;" (names quoted only when they need it; ours never do).
  static const std::regex role_line(R"(^(CREATE|ALTER) ROLE ([a-z_][a-z0-9_]*)( .*)?;$)");
  std::vector<std::string> created;
  std::string script;
  std::istringstream in(roles_sql);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, role_line)) continue;
    const std::string role = m[2].str();
    if (std::find(existing.begin(), existing.end(), role) != existing.end()) continue;
    script += line + "\n";
    if (m[1].str() == "CREATE") created.push_back(role);
  }
  if (!script.empty()) exec_script(superuser, "begin;\n" + script + "commit;\n");
  return created;
}

}  // namespace zhixing::inline store
