#include "documents/blocks_pdf.h"

#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/font_set.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"

namespace zhixing::inline documents {

std::string render_blocks_pdf(const layout::Document& document, const std::filesystem::path& root,
                              const std::string& profile) {
  fonts::FontSet fonts = fonts::FontSet::load(fonts::FontManifest::load_default(root));
  fonts::FontMeasurer measurer(fonts);
  layout::PageProfile page =
      profile == "court" ? layout::PageProfile::court() : layout::PageProfile::gbt9704();
  return pdf::render_pdf(layout::paginate(document, page, measurer), fonts);
}

}  // namespace zhixing::inline documents
