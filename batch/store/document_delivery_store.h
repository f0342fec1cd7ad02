// document_deliveries (migration 026): the PDFs a remote worker rendered, held in the database
// until the process that launched the execution writes them into its own output folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace zhixing::inline store {

// Stores a rendered document's bytes for its launcher, in the caller's transaction (the one that
// records the documents row). A document delivered already (a rerun reusing it) keeps its row.
void insert_delivery(soci::session& sql, long long document_id, long long instance_id,
                     long long worker_id, const std::string& pdf, const std::string& sha256);

struct Delivery {
  long long document_id = 0;
  std::string pdf;              // the bytes as stored
  std::string sha256;           // as the worker recorded it with the bytes
  std::string document_sha256;  // the documents row's
  std::string path;             // the documents row's, relative to the output folder
};

// Deletes and returns up to `limit` deliveries of the instance, oldest document first, in the
// caller's transaction: the caller writes each file, then commits, or rolls back (the deliveries
// stay). The DELETE is the lock: a second process taking the same rows waits, then gets none.
std::vector<Delivery> take_deliveries(soci::session& sql, long long instance_id, int limit);

// After the file is in place: records the folder in the documents row, when the worker left it
// empty.
void record_delivery_folder(soci::session& sql, long long document_id,
                            const std::string& output_dir);

// The instance's deliveries not yet written out.
long long count_deliveries(soci::session& sql, long long instance_id);

// The role this session acts as (current_user): a remote worker's is zhixing_worker.
std::string current_role(soci::session& sql);

}  // namespace zhixing::inline store
