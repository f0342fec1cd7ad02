// A clerk's document batch (`zhixing docs`): the chosen cases, one kind, rendered on every core,
// stored once per event, written under DIR/<court>/<year>/<case number>/. One failing case never
// stops the rest.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/court_registry.h"
#include "core/date.h"
#include "documents/document_engine.h"
#include "documents/kinds/document_kind.h"
#include "store/case_loader.h"

namespace zhixing {

struct DocumentRequest {
  documents::DocumentKind kind = documents::DocumentKind::notice;
  std::vector<std::string> case_numbers;  // either these …
  std::string filter;      // … or "court=冀0633,year=2024,category=…,status=…"
  bool all_cases = false;  // … or every case (the nightly run)
  std::filesystem::path out_dir;
  bool reissue = false;
  std::string issued_by = "clerk";
  unsigned threads = 0;  // 0: every core
  // The nightly mode: only events dated on or before this day …
  std::optional<Date> due_by;
  // … whose document does not exist yet (they are not rendered again, just counted).
  bool only_missing = false;
};

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
  std::string code;  // for failed: not_applicable, precondition_failed, missing_glyph,
                     // template_error, render_failed, db_error
  std::string message;  // Chinese
  std::string path;     // written file, relative to out_dir
  std::string sha256;
  long long size_bytes = 0;
  long long document_id = 0;  // the documents row (written, reused, kept)
};

struct DocumentBatchReport {
  int written = 0, reused = 0, kept = 0, failed = 0;
  int already_issued = 0;  // only_missing: events skipped because their document exists
  std::vector<DocumentOutcome> outcomes;  // in case-number order, then event order
  double seconds = 0;
};

// "court=冀0633,year=2024" -> an SQL condition on cases c; throws std::invalid_argument with a
// Chinese message naming the bad key or value.
std::string filter_condition(soci::session& sql, const std::string& filter);

DocumentBatchReport run_document_batch(soci::session& sql, const documents::DocumentEngine& engine,
                                       const CourtRegistry& courts, const DocumentRequest& request);

// Stores one rendered document for its event: the file (through a temporary file and a rename)
// and its row; or, when the event was issued before (and not reissue), reuses the row (same
// bytes) or keeps the issued version. A concurrent writer that wins the row makes this one
// reused/kept. Throws soci::soci_error or std::exception on I/O and database failures.
DocumentOutcome issue_document(soci::session& sql, const LoadedCase& loaded,
                               const documents::DocumentEvent& event,
                               const documents::RenderedDocument& doc,
                               const std::filesystem::path& out_dir, bool reissue,
                               const std::string& issued_by);

// DIR-relative path of an event's document: <court>/<year>/<case number>/<kind>-<date>-<n>.pdf
// (version 2 and later: …-<n>-v2.pdf).
std::filesystem::path document_path(const CaseNumber& number, std::string_view kind, Date date,
                                    int position, int version);

}  // namespace zhixing
