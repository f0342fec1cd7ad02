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
#include "jobs/document_issue.h"
#include "jobs/document_sealing.h"
#include "store/case_selection.h"

namespace zhixing::jobs {

struct DocumentRequest {
  documents::DocumentKind kind = documents::DocumentKind::notice;
  std::vector<std::string> case_numbers;  // either these …
  std::string filter;      // … or "court=冀0633,year=2024,category=…,status=…"
  bool all_cases = false;  // … or every case (the nightly run)
  std::filesystem::path out_dir;
  bool reissue = false;
  std::string issued_by = "clerk";
  unsigned threads = 0;  // 0: every core
  // Required: the seal (document_sealing.h). The batch refuses to render a sealed kind when
  // this process cannot seal or the certificate is not valid on `business_date`.
  const DocumentSealing* sealing = nullptr;
  Date business_date = local_today();
  // The nightly mode: only events dated on or before this day …
  std::optional<Date> due_by;
  // … whose document does not exist yet (they are not rendered again, just counted).
  bool only_missing = false;
};

struct DocumentBatchReport {
  int written = 0, reused = 0, kept = 0, failed = 0;
  int already_issued = 0;  // only_missing: events skipped because their document exists
  std::vector<DocumentOutcome> outcomes;  // in case-number order, then event order
  double seconds = 0;
};

// "court=冀0633,year=2024" -> the filter's terms; throws std::invalid_argument with a Chinese
// message naming the bad key or value.
std::vector<CaseFilterTerm> parse_case_filter(const std::string& filter);

// Throws seal::SealError (token_unavailable, no_certificate, seal_expired) before rendering
// anything when the kind is sealed and cannot be sealed on request.business_date.
DocumentBatchReport run_document_batch(soci::session& sql, const documents::DocumentEngine& engine,
                                       const CourtRegistry& courts, const DocumentRequest& request);

}  // namespace zhixing::jobs
