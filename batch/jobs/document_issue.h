// Issuing one rendered document: its file under DIR/<court>/<year>/<case number>/ and its
// documents row, once per event (a clerk batch and the nightly run share it).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/case_number.h"
#include "core/date.h"
#include "documents/document_engine.h"
#include "store/case_loader.h"

namespace zhixing::jobs {

enum class DocumentStatus {
  written,  // issued now (version 1, or a new version with --reissue)
  reused,   // issued before from the same inputs: byte-identical, its row reused
  kept,     // issued before from other inputs (template or data changed): the issued one stays
  failed,
};

struct DocumentOutcome {
  std::string case_number;
  std::string kind;
  std::optional<Date> event_date;
  int position = 0;
  int version = 0;
  DocumentStatus status = DocumentStatus::failed;
  std::string code;     // for failed: not_applicable, precondition_failed, missing_glyph,
                        // template_error, render_failed, db_error
  std::string message;  // Chinese
  std::string path;     // written file, relative to out_dir
  std::string sha256;
  long long size_bytes = 0;
  long long document_id = 0;  // the documents row (written, reused, kept)
};

// Where an issued document's bytes go. Files (the default): into out_dir, this process's output
// folder (for a worker on another machine: a shared mount of the launcher's). Database (a remote
// worker, README "Remote workers"): into document_deliveries, in the caller's transaction with
// the documents row (its output_dir left empty), for the launching process to write into its
// own output folder (write_out_deliveries, jobs/document_delivery.h); out_dir is not touched.
struct DocumentDelivery {
  bool to_database = false;
  long long instance_id = 0;  // the execution's job instance: its launcher writes it out
  long long worker_id = 0;    // the worker that rendered it (job_workers)
};

// Stores one rendered document for its event: the file (through a temporary file and a rename)
// and its row; or, when the event was issued before (and not reissue), reuses the row (same
// bytes) or keeps the issued version. A concurrent writer that wins the row makes this one
// reused/kept. `signer_fingerprint`: the certificate that sealed `doc` ("" unsealed), recorded in
// the row. Throws soci::soci_error or std::exception on I/O and database failures.
DocumentOutcome issue_document(soci::session& sql, const LoadedCase& loaded,
                               const documents::DocumentEvent& event,
                               const documents::RenderedDocument& doc,
                               const std::filesystem::path& out_dir, bool reissue,
                               const std::string& issued_by, const std::string& signer_fingerprint,
                               const DocumentDelivery& delivery = {});

// Writes bytes through a temporary file (named for this process and call) and a rename: a reader
// never sees half a document. Creates the folders.
void write_atomically(const std::filesystem::path& path, const std::string& bytes);

// DIR-relative path of an event's document: <court>/<year>/<case number>/<kind>-<date>-<n>.pdf
// (version 2 and later: …-<n>-v2.pdf).
std::filesystem::path document_path(const CaseNumber& number, std::string_view kind, Date date,
                                    int position, int version);

}  // namespace zhixing::jobs
