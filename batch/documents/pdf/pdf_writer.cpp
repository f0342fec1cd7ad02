#include "documents/pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <time.h>

#include <algorithm>
#include <map>
#include <vector>

#include "documents/fonts/coverage_check.h"
#include "documents/fonts/font_error.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/pdf_subset.h"
#include "documents/layout/utf8.h"
#include "documents/pdf/content_stream.h"
#include "documents/pdf/flate.h"
#include "documents/pdf/hpdf_document.h"
#include "documents/pdf/pdf_error.h"

namespace zhixing::inline documents::pdf {
namespace {

// CPU time of the calling thread, in ms: the stages' figures do not count other processes'
// time on a shared machine.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// One drawn line split into runs of one face each.
struct LineRuns {
  const layout::PlacedLine* line = nullptr;
  std::u32string text;
  std::vector<fonts::Run> runs;
};

// A face used by the document: its code points, then its subset and page-resource object.
struct UsedFace {
  std::u32string code_points;
  fonts::PdfSubset subset;
  HPDF_Dict font = nullptr;
};

void set_info(HpdfDocument& doc, const char* key, const std::string& value) {
  if (value.empty()) return;
  HPDF_Doc pdf = doc.get();
  if (pdf->info == nullptr) {
    // The public way to create the Info dictionary (libharu adds its own /Producer).
    doc.check("HPDF_SetInfoAttr", HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "zhixing"));
  }
  doc.check("HPDF_Dict_Add(Info)", HPDF_Dict_Add(pdf->info, key, text_string(doc, value)));
}

// Every line split into runs by face, page by page; each face's code points, collected in
// `used` and listed in `order` by first use.
std::vector<std::vector<LineRuns>> split_into_runs(const layout::LaidOutDocument& document,
                                                   const fonts::FontSet& fonts,
                                                   std::map<const fonts::Face*, UsedFace>& used,
                                                   std::vector<const fonts::Face*>& order) {
  std::vector<std::vector<LineRuns>> pages(document.pages.size());
  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    for (const layout::PlacedLine& line : document.pages[p].lines) {
      LineRuns lr;
      lr.line = &line;
      lr.text = layout::utf8_to_u32(line.text);
      const fonts::Role role = fonts::to_font_role(line.role);
      const fonts::FallbackChain& chain = fonts.chain(role);
      lr.runs = chain.runs(lr.text);
      for (const fonts::Run& run : lr.runs) {
        if (run.face == nullptr) {
          const auto bad = fonts::first_undrawable(chain, line.text);
          throw PdfError(PdfErrorCode::missing_glyph,
                         bad ? bad->reason(role) + " (page " + std::to_string(p + 1) + ")"
                             : "undrawable text on page " + std::to_string(p + 1));
        }
        auto [it, inserted] = used.try_emplace(run.face);
        if (inserted) order.push_back(run.face);
        it->second.code_points.append(lr.text, run.begin, run.end - run.begin);
      }
      pages[p].push_back(std::move(lr));
    }
  }
  return pages;
}

// Filled rectangles (chart bars, legend keys, gridlines), drawn before the page's text so that
// they lie under it.
void fill_rects(ContentStream& content, const std::vector<layout::PlacedRect>& rects) {
  if (rects.empty()) return;
  content.save_state();
  for (const layout::PlacedRect& r : rects) {
    content.set_fill_rgb(r.fill.r, r.fill.g, r.fill.b);
    content.fill_rect(r.x_pt, r.y_pt, r.width_pt, r.height_pt);
  }
  content.restore_state();
}

// The page's text: each line's runs, each run in its face's subset glyph ids with the line's
// justification shifts.
void show_lines(HpdfDocument& doc, HPDF_Page page, const std::vector<LineRuns>& lines,
                std::map<const fonts::Face*, UsedFace>& used, ContentStream& content) {
  std::vector<std::uint16_t> glyphs;
  std::vector<ContentStream::Shift> shifts;
  for (const LineRuns& lr : lines) {
    const layout::PlacedLine& line = *lr.line;
    if (lr.runs.empty()) continue;
    content.set_char_spacing(line.char_spacing_pt);
    content.start_line(line.x_pt, line.baseline_y_pt);
    std::size_t adjust = 0;  // next of line.adjustments: space before glyph `after` + 1
    for (const fonts::Run& run : lr.runs) {
      const UsedFace& u = used[run.face];
      const char* resource =
          doc.check_ptr(HPDF_Page_GetLocalFontName(page, u.font), "HPDF_Page_GetLocalFontName");
      content.set_font(resource, line.size_pt);
      glyphs.clear();
      for (std::size_t i = run.begin; i < run.end; ++i) {
        glyphs.push_back(u.subset.cid(lr.text[i]));
      }
      shifts.clear();
      for (; adjust < line.adjustments.size() && line.adjustments[adjust].after + 1 < run.end;
           ++adjust) {
        const std::size_t before = line.adjustments[adjust].after + 1;
        shifts.push_back(
            {before > run.begin ? before - run.begin : 0, line.adjustments[adjust].pt});
      }
      content.show_glyphs(glyphs, shifts);
    }
  }
}

}  // namespace

std::string render_pdf(const layout::LaidOutDocument& document, const fonts::FontSet& fonts,
                       const RenderOptions& options, RenderStats* stats,
                       SignaturePlaceholder* placeholder) {
  RenderStats local;
  RenderStats& st = stats != nullptr ? *stats : local;
  st = RenderStats{};

  // 1. Split every line into runs by face; collect each face's code points.
  const double t0 = thread_cpu_ms();
  std::map<const fonts::Face*, UsedFace> used;  // keyed by identity; ordered below by first use
  std::vector<const fonts::Face*> order;
  const std::vector<std::vector<LineRuns>> pages = split_into_runs(document, fonts, used, order);

  // 2. One subset per face.
  for (const fonts::Face* face : order) {
    UsedFace& u = used[face];
    try {
      u.subset = fonts::subset_for_pdf(*face, u.code_points);
    } catch (const fonts::FontError& e) {
      throw PdfError(PdfErrorCode::font_failed, e.what());
    }
    st.font_program_bytes += u.subset.program.size();
  }
  st.faces = static_cast<int>(order.size());
  st.subset_ms = thread_cpu_ms() - t0;

  // 3. libharu objects.
  const double t1 = thread_cpu_ms();
  HpdfDocument doc;
  HPDF_Doc pdf = doc.get();
  // Every stream is deflated here (flate.h), none by libharu.
  doc.check("HPDF_SetCompressionMode", HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE));
  set_info(doc, "Title", document.metadata.title);
  set_info(doc, "Author", document.metadata.author);
  set_info(doc, "Subject", document.metadata.subject);

  CidFontOptions font_options;
  font_options.font_deflate_level = options.font_deflate_level;
  font_options.cmap_deflate_level = options.stream_deflate_level;
  for (const fonts::Face* face : order) {
    UsedFace& u = used[face];
    u.font = embed_cid_font(doc, u.subset, fonts::face_metrics(*face), font_options);
  }

  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    HPDF_Page page = doc.check_ptr(HPDF_AddPage(pdf), "HPDF_AddPage");
    doc.check("HPDF_Page_SetWidth",
              HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(document.page_width_pt)));
    doc.check("HPDF_Page_SetHeight",
              HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(document.page_height_pt)));

    // /ProcSet, which libharu adds to every page, is obsolete and ignored by readers since PDF 1.4
    // (ISO 32000-1 §14.2): 50 bytes a page.
    auto* resources =
        static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT));
    doc.check_ptr(resources, "page /Resources");
    doc.check("HPDF_Dict_RemoveElement(ProcSet)", HPDF_Dict_RemoveElement(resources, "ProcSet"));

    ContentStream content;
    fill_rects(content, document.pages[p].rects);
    content.begin_text();
    show_lines(doc, page, pages[p], used, content);
    content.end_text();
    for (const layout::PlacedRule& r : document.pages[p].rules) {
      content.rule(r.x0_pt, r.y0_pt, r.x1_pt, r.y1_pt, r.line_width_pt);
    }

    auto* contents = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT));
    doc.check_ptr(contents, "page /Contents");
    write_flate_stream(doc, contents, content.bytes(), options.stream_deflate_level);
  }
  if (options.signature != nullptr) {
    add_signature_field(doc, document, fonts, *options.signature, options.stream_deflate_level);
  }
  st.objects_ms = thread_cpu_ms() - t1;

  // 4. Save.
  const double t2 = thread_cpu_ms();
  std::string out = doc.save();
  if (options.signature != nullptr && placeholder != nullptr) {
    *placeholder = locate_placeholder(out, *options.signature);
  }
  st.save_ms = thread_cpu_ms() - t2;
  return out;
}

}  // namespace zhixing::inline documents::pdf
