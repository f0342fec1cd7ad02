#include "ledger/ledger_report_pdf.h"

#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/font_set.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"

namespace zhixing::ledger {

std::string render_ledger_report_pdf(const LedgerReport& report, const std::filesystem::path& root,
                                     const std::string& profile) {
  fonts::FontSet fonts = fonts::FontSet::load(fonts::FontManifest::load_default(root));
  fonts::FontMeasurer measurer(fonts);
  layout::PageProfile page =
      profile == "court" ? layout::PageProfile::court() : layout::PageProfile::gbt9704();
  layout::LaidOutDocument laid_out =
      layout::paginate(ledger_report_document(report), page, measurer);
  return pdf::render_pdf(laid_out, fonts);
}

}  // namespace zhixing::ledger
