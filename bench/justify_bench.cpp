// Measures how far justification spreads the text of every document the demo night renders
// (spacing a clerk should never notice): the largest space justification adds between
// two adjacent characters beyond the grid pitch, in pt and as a fraction of the body size, with
// the worst line's text, and how many lines letter-space a digit or Latin run.
//
//   build/bench/justify_bench [--cases N=2083] [--seed S] [--profile gbt9704|court] [--top K=5]
//
// The demo data set (zhixing demo-data, in memory) is parsed like an import; every document
// kind each case is due (the case kinds: the relief kinds need the ledger's records) is laid
// out through the engine (templates → blocks → paginate with the real fonts' advances). No PDF
// is written and no database is needed. Exit 0 always: it reports, the unit tests assert.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "core/court_registry.h"
#include "demo/demo_generator.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/font_set.h"
#include "documents/kinds/document_kind.h"
#include "documents/kinds/document_renderer.h"
#include "documents/kinds/events.h"
#include "documents/layout/gap_stats.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/templates/template_set.h"
#include "importer/record_parser.h"

namespace {

using namespace zhixing;

struct Worst {
  layout::LineGaps gaps;
  std::string text;
  std::string where;  // case, kind, page
};

}  // namespace

int main(int argc, char** argv) {
  DemoOptions demo;
  std::string profile_name = "gbt9704";
  std::size_t top = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "justify_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--cases") {
      demo.cases = std::atoll(value().c_str());
    } else if (a == "--seed") {
      demo.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (a == "--profile") {
      profile_name = value();
    } else if (a == "--top") {
      top = static_cast<std::size_t>(std::atoi(value().c_str()));
    } else {
      std::fprintf(stderr,
                   "usage: justify_bench [--cases N] [--seed S] [--profile gbt9704|court] "
                   "[--top K]\n");
      return 2;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::string root = documents::default_project_root();
  const CourtRegistry courts = CourtRegistry::load_csv(root + "/config/courts.csv");
  const fonts::FontSet font_set = fonts::FontSet::load(fonts::FontManifest::load_default());
  const fonts::FontMeasurer measurer(font_set);
  const documents::DocumentRenderer renderer(root);
  const layout::PageProfile profile =
      profile_name == "court" ? layout::PageProfile::court() : layout::PageProfile::gbt9704();

  std::ostringstream data;
  write_demo_data(data, demo);
  std::istringstream lines(data.str());

  long long cases = 0, docs = 0, failed = 0, text_lines = 0, spread_runs = 0, over_quarter = 0,
            ragged = 0;
  std::vector<Worst> worst;  // the `top` lines with the largest added gap, largest first
  std::vector<std::string> ragged_lines;  // the first `top` of them
  double max_short = 0;
  long long compressed = 0;  // lines fitted by compressing punctuation
  std::string compressed_example;
  std::string line;
  while (std::getline(lines, line)) {
    auto parsed = parse_case_record(line, courts);
    if (!std::holds_alternative<CaseRecord>(parsed)) {
      ++failed;
      continue;
    }
    const CaseRecord& record = std::get<CaseRecord>(parsed);
    const Court* court = courts.find(record.case_number.court_code);
    if (court == nullptr) {
      ++failed;
      continue;
    }
    ++cases;
    for (const documents::DocumentEvent& event : documents::due_events(record)) {
      layout::LaidOutDocument laid;
      try {
        const layout::Document blocks =
            renderer.render_blocks(event.kind, documents::RenderInput{record, *court, event});
        laid = layout::paginate(blocks, profile, measurer);
      } catch (const std::exception&) {
        ++failed;  // e.g. a kind the case lacks data for: the night skips it as well
        continue;
      }
      ++docs;
      for (const layout::Page& page : laid.pages) {
        for (const layout::PlacedLine& l : page.lines) {
          if (!layout::is_justifiable(l.kind)) continue;
          ++text_lines;
          const layout::LineGaps g =
              layout::measure_gaps(l, profile.body_char_spacing_pt(), profile.type_right_pt());
          if (g.spread_runs > 0) ++spread_runs;
          if (g.max_added_pt > profile.body_size_pt / 4 + 1e-6) ++over_quarter;
          max_short = std::max(max_short, g.short_of_edge_pt);
          if (g.min_added_pt < -0.01 && ++compressed == 1) {
            compressed_example = record.case_number.text() + " " +
                                 std::string(documents::kind_name(event.kind)) + ": " + l.text;
          }
          if (g.ragged_inside_paragraph && ++ragged <= static_cast<long long>(top)) {
            ragged_lines.push_back(record.case_number.text() + " " +
                                   std::string(documents::kind_name(event.kind)) + ": " + l.text);
          }
          if (worst.size() < top || g.max_added_pt > worst.back().gaps.max_added_pt) {
            Worst w{g, l.text,
                    record.case_number.text() + " " +
                        std::string(documents::kind_name(event.kind)) + " p" +
                        std::to_string(page.number)};
            worst.insert(std::upper_bound(worst.begin(), worst.end(), w,
                                          [](const Worst& a, const Worst& b) {
                                            return a.gaps.max_added_pt > b.gaps.max_added_pt;
                                          }),
                         std::move(w));
            if (worst.size() > top) worst.pop_back();
          }
        }
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double body = profile.body_size_pt;
  std::printf(
      "justify_bench: %lld cases, %lld documents laid out (%lld skipped), %lld text lines, "
      "profile %s, %.1f s\n",
      cases, docs, failed, text_lines, profile.name.c_str(), seconds);
  const double max_pt = worst.empty() ? 0.0 : worst.front().gaps.max_added_pt;
  std::printf("largest added gap: %.2f pt = %.3f of the %.0f pt body size (limit 0.25)\n", max_pt,
              max_pt / body, body);
  std::printf(
      "lines above a quarter of the body size: %lld; lines letter-spacing a digit or "
      "Latin run: %lld; full lines short of the right edge: %lld (at most %.1f pt)\n",
      over_quarter, spread_runs, ragged, max_short);
  for (std::size_t k = 0; k < worst.size(); ++k) {
    const Worst& w = worst[k];
    std::printf("  #%zu %.2f pt (%.3f em) %s: %s\n", k + 1, w.gaps.max_added_pt,
                w.gaps.max_added_pt / body, w.where.c_str(), w.text.c_str());
  }
  std::printf("lines fitted by compressing punctuation: %lld%s%s\n", compressed,
              compressed > 0 ? ", e.g. " : "", compressed_example.c_str());
  for (const std::string& r : ragged_lines) std::printf("  short of the edge: %s\n", r.c_str());
  return 0;
}
