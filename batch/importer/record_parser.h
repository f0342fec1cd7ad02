// Parses and validates one line of the interchange format (zhixing.case/1) into a CaseRecord.
// Pure: no I/O, no database. The whole line is judged; the first failing field in the line's
// own order decides the code; rules about the whole record come after all fields.
#pragma once

#include <string_view>
#include <variant>

#include "core/case_record.h"
#include "core/court_registry.h"
#include "importer/rejection.h"

namespace zhixing::inline importer {

// `line` is one line without its newline. It may be any bytes: invalid UTF-8 is
// bad_encoding, a non-object is bad_json. The caller handles BOM and line length.
std::variant<CaseRecord, Rejection> parse_case_record(std::string_view line,
                                                      const CourtRegistry& courts);

}  // namespace zhixing::inline importer
