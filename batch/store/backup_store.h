// The SQL of `zhixing backup` and `zhixing restore` (backup/): the exported snapshot that pg_dump
// shares, the issued documents' files as of that snapshot, whether a restore target is empty,
// and the roles of a roles file (pg_dumpall --roles-only) that the target lacks.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

namespace zhixing::inline store {

// Starts a REPEATABLE READ, READ ONLY transaction on `sql` and exports its snapshot
// (pg_export_snapshot()): returns the snapshot's id for `pg_dump --snapshot`. The snapshot stays
// valid while the transaction is open: the caller keeps it open (and reads in it) until pg_dump
// has finished, then ends it with end_snapshot().
std::string begin_exported_snapshot(soci::session& sql);
void end_snapshot(soci::session& sql);

// An issued document's file as the documents table records it.
struct DocumentFileRow {
  long long id = 0;
  std::string output_dir;  // absolute, as issued
  std::string path;        // relative to output_dir
  std::string sha256;
  long long size_bytes = 0;
};
// Every issued document (every version), by id.
std::vector<DocumentFileRow> document_files(soci::session& sql);

// On a superuser session of the server: whether database `name` exists.
bool database_exists(soci::session& superuser, const std::string& name);
// On a session of the database itself: the tables, views and sequences outside the system
// schemas (0 for a database made by CREATE DATABASE and nothing else).
long long user_relation_count(soci::session& sql);

// On a superuser session: runs the statements of a `pg_dumpall --roles-only` file that create
// or alter a role the server does not have yet (its CREATE ROLE and ALTER ROLE lines), in one
// transaction; every other line (SET, comments, roles that exist, such as `postgres`) is left
// out, so a role that exists keeps its attributes and password. Returns the roles created.
std::vector<std::string> create_missing_roles(soci::session& superuser,
                                              const std::string& roles_sql);

}  // namespace zhixing::inline store
