// The launcher's side of database delivery (README "Remote workers"): the PDFs that remote
// workers stored in document_deliveries are written into the launcher's own output folder.
#pragma once

#include <filesystem>

#include <soci/soci.h>

namespace zhixing::jobs {

// Writes out up to `max_documents` (0: all) deliveries of the job instance into out_dir, at the
// documents row's path: each through a temporary file and a rename, after checking that the
// bytes' SHA-256 is the one the documents row (and the delivery) records; the same short
// transaction deletes the delivery and records out_dir in the row, and commits after the files. A
// file whose bytes do not match is not written, its delivery stays, and std::runtime_error
// (delivery_mismatch) says which document. Returns the documents written. The caller's session must
// be idle (no open transaction).
long long write_out_deliveries(soci::session& sql, long long instance_id,
                               const std::filesystem::path& out_dir, long long max_documents = 0);

}  // namespace zhixing::jobs
