// The block model: what a template produces and the layout engine places. Text is UTF-8.
// Order and spacing are the template's business (a .mustache file in templates/); the
// engine adds no space between blocks other than Blank.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "documents/layout/metrics.h"

namespace zhixing::inline documents::layout {

// 河北省易县人民法院: court-name face and size, centred on its own line.
struct CourtName {
  std::string text;
};
// 执行裁定书: title face and size, centred, letter-spaced (long titles wrap, each line centred).
struct Title {
  std::string text;
};
// （2024）冀0633执1234号: body size, right-aligned to the type area.
struct CaseNumber {
  std::string text;
};
// 刘建国：: flush left (回行顶格 if it wraps).
struct Addressee {
  std::string text;
};
// Party paragraphs and body text: first line indented, continuation lines flush left, full
// lines justified to the grid, last line at natural pitch. '\n' forces a line break.
struct Paragraph {
  std::string text;
  int indent_chars = 2;
  FaceRole role = FaceRole::body;
};
// Operative items; the text already carries its 一、. Laid out like a body paragraph.
struct Item {
  std::string text;
};
// A simple ruled grid (instalment schedule). The header row repeats on continuation pages.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
// One line of the signature block: 审判长 / 张三. The title is letter-spaced to a fixed width.
struct SignatureRow {
  std::string title;
  std::string name;
};
struct Signature {
  std::vector<SignatureRow> rows;
};
// 二〇二四年八月二十二日: right-aligned with the signature block.
struct DateLine {
  std::string text;
};
// Empty grid lines; dropped at the top of a page. A page break (@page-break) ends the page
// instead: what follows starts the next one (a 回执 slip stays whole on its own page).
struct Blank {
  int lines = 1;
  bool page_break = false;
};
// 本件与原本核对无异: flush left on its own line.
struct Note {
  std::string text;
  bool keep_with_next = false;  // a heading: never the last line of a page
};

// An RGB colour, components 0…1.
struct Rgb {
  double r = 0, g = 0, b = 0;
};
// One series of a bar chart: a value per category.
struct ChartSeries {
  std::string name;
  std::vector<long long> values;
  Rgb colour;
};
// A grouped bar chart (reports: monthly filings and closures) drawn in a band of `lines` grid
// lines across the type area: legend on top, value axis with ticks and gridlines on the left,
// category labels below, one bar per series in each category group (layout/bar_chart.h).
struct BarChart {
  std::vector<std::string> categories;  // 1月 … 12月
  std::vector<ChartSeries> series;
  std::string value_unit;  // 件: shown above the value axis
  int lines = 12;
};

using Block = std::variant<CourtName, Title, CaseNumber, Addressee, Paragraph, Item, Table,
                           Signature, DateLine, Blank, Note, BarChart>;

// For the PDF Info dictionary.
struct DocumentMetadata {
  std::string title;
  std::string author;
  std::string subject;
};

struct Document {
  DocumentMetadata metadata;
  std::vector<Block> blocks;
};

}  // namespace zhixing::inline documents::layout
