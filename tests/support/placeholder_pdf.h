// For tests: a minimal one-page PDF with a signature field whose /ByteRange and /Contents are
// placeholders, made with qpdf's object API, and where those placeholders lie in its bytes, as
// render_pdf reports them for a real document (documents/pdf/signature_field.h).
#pragma once

#include <cstddef>
#include <string>

#include "documents/pdf/signature_field.h"

namespace zhixing::testing {

struct PlaceholderPdf {
  std::string pdf;
  documents::pdf::SignaturePlaceholder placeholder;
};

// /Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /M `signing_time`, /Contents of
// `contents_bytes` zero bytes (written as hex), one page with `text` in Helvetica.
PlaceholderPdf make_placeholder_pdf(std::size_t contents_bytes = 8192,
                                    const std::string& signing_time = "D:20260630000000+08'00'",
                                    const std::string& text = "Sealed test document");

}  // namespace zhixing::testing
