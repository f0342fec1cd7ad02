#include "documents/layout/paginate.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "documents/layout/bar_chart.h"
#include "documents/layout/justify.h"
#include "documents/layout/line_breaker.h"
#include "documents/layout/utf8.h"

namespace zhixing::inline documents::layout {
namespace {

// Ideographic em box: CJK faces put the alphabetic baseline about 0.12 em above the bottom of
// the em box (Source Han: descender −120/1000; 仿宋 faces are within ±0.03). Each line's em box
// is centred in its grid cell, so the baseline sits 0.38 em below the cell's middle.
constexpr double kEmBoxDescent = 0.12;
constexpr double kRuleWidthPt = 0.75;
constexpr double kCellPaddingEm = 0.25;
// Signature block (titles letter-spaced in a column, names aligned): titles are
// spread over 4 grid characters (审 判 长 ≈ one half-width space between characters, 院　　长),
// then 2 characters of gap, then the names, at least 3 characters wide.
constexpr int kSignatureTitleChars = 4;
constexpr int kSignatureGapChars = 2;
constexpr int kSignatureNameMinChars = 3;

struct Piece {
  LineKind kind = LineKind::paragraph;
  FaceRole role = FaceRole::body;
  double size_pt = 0;
  LineFit fit;
  std::string text;
  bool first_line = false;
  bool last_line = false;
};

struct Row {
  std::vector<Piece> pieces;
  int block = -1;
  bool blank = false;
  bool page_break = false;  // ends the page (Blank::page_break)
  bool keep_with_next = false;
  int table = -1;
  bool table_header = false;
  bool table_row_end = false;
  const BarChart* chart = nullptr;  // set on the first row of a chart's band
};

struct TableGeometry {
  std::vector<double> column_x;  // boundaries, columns + 1 values
  std::vector<Row> header_rows;  // repeated at the top of continuation pages
};

template <class>
inline constexpr bool kAlwaysFalse = false;

// Fits natural column widths to `width`: spreads any surplus evenly, or shares a shortfall by
// water-filling (narrow columns keep their width, wide ones wrap).
std::vector<double> fit_columns(const std::vector<double>& natural, double width) {
  const size_t cols = natural.size();
  std::vector<double> col_w(cols);
  double total = 0;
  for (double w : natural) total += w;
  if (total <= width) {
    const double extra = (width - total) / static_cast<double>(cols);
    for (size_t c = 0; c < cols; ++c) col_w[c] = natural[c] + extra;
  } else {
    std::vector<bool> fixed(cols, false);
    double remaining = width;
    size_t open = cols;
    for (size_t round = 0; round < cols && open > 0; ++round) {
      const double share = remaining / static_cast<double>(open);
      bool changed = false;
      for (size_t c = 0; c < cols; ++c) {
        if (!fixed[c] && natural[c] <= share) {
          fixed[c] = true;
          col_w[c] = natural[c];
          remaining -= natural[c];
          --open;
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (size_t c = 0; c < cols; ++c) {
      if (!fixed[c]) col_w[c] = remaining / static_cast<double>(open);
    }
  }
  return col_w;
}

class RowBuilder {
 public:
  RowBuilder(const PageProfile& profile, const TextMeasurer& measurer)
      : p_(profile),
        m_(measurer),
        pitch_(profile.char_pitch_pt()),
        body_cs_(profile.body_char_spacing_pt()) {}

  std::vector<Row> rows;
  std::vector<TableGeometry> tables;

  void add(const Block& block, int index) {
    std::visit(
        [&](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, CourtName>) {
            text(b.text, LineKind::court_name, FaceRole::title, p_.court_name_size_pt, 0.0, 0.0,
                 Align::centre, Align::centre, index, true);
          } else if constexpr (std::is_same_v<T, Title>) {
            const std::u32string t = utf8_to_u32(b.text);
            const double cs = title_letter_spacing_em(t.size()) * p_.title_size_pt;
            text(b.text, LineKind::title, FaceRole::title, p_.title_size_pt, cs, 0.0, Align::centre,
                 Align::centre, index, true);
          } else if constexpr (std::is_same_v<T, CaseNumber>) {
            text(b.text, LineKind::case_number, FaceRole::body, p_.body_size_pt, body_cs_, 0.0,
                 Align::right, Align::right, index, true);
          } else if constexpr (std::is_same_v<T, Addressee>) {
            text(b.text, LineKind::addressee, FaceRole::body, p_.body_size_pt, body_cs_, 0.0,
                 Align::justify, Align::left, index, false);
          } else if constexpr (std::is_same_v<T, Paragraph>) {
            text(b.text, LineKind::paragraph, b.role, p_.body_size_pt, body_cs_,
                 b.indent_chars * pitch_, Align::justify, Align::left, index, false);
          } else if constexpr (std::is_same_v<T, Item>) {
            text(b.text, LineKind::item, FaceRole::body, p_.body_size_pt, body_cs_,
                 p_.paragraph_indent_chars * pitch_, Align::justify, Align::left, index, false);
          } else if constexpr (std::is_same_v<T, Table>) {
            table(b, index);
          } else if constexpr (std::is_same_v<T, Signature>) {
            signature(b, index);
          } else if constexpr (std::is_same_v<T, DateLine>) {
            // Right-aligned with the signature block (GB/T 9704-2012 §7.3.5.2 右空二字).
            const double width = p_.type_area_width_pt - p_.signature_right_indent_chars * pitch_;
            text(b.text, LineKind::date, FaceRole::body, p_.body_size_pt, body_cs_, 0.0,
                 Align::right, Align::right, index, false, width);
          } else if constexpr (std::is_same_v<T, Blank>) {
            for (int k = 0; k < (b.page_break ? 1 : b.lines); ++k) {
              Row r;
              r.block = index;
              r.blank = true;
              r.page_break = b.page_break;
              rows.push_back(std::move(r));
            }
          } else if constexpr (std::is_same_v<T, BarChart>) {
            // One keep group of `lines` rows (at most a page); drawn when the page is placed.
            const int n = std::clamp(b.lines, 1, p_.lines_per_page);
            for (int k = 0; k < n; ++k) {
              Row r;
              r.block = index;
              r.chart = k == 0 ? &b : nullptr;
              r.keep_with_next = k + 1 < n;
              rows.push_back(std::move(r));
            }
          } else if constexpr (std::is_same_v<T, Note>) {
            text(b.text, LineKind::note, FaceRole::body, p_.body_size_pt, body_cs_, 0.0,
                 Align::left, Align::left, index, b.keep_with_next);
          } else {
            static_assert(kAlwaysFalse<T>, "unhandled block");
          }
        },
        block);
  }

  // Breaks `utf8` into lines inside [type_left, type_left + width) and appends one row each.
  void text(const std::string& utf8, LineKind kind, FaceRole role, double size, double cs,
            double indent, Align full, Align last, int block, bool keep_with_next,
            double width = -1) {
    if (width < 0) width = p_.type_area_width_pt;
    const std::u32string t = utf8_to_u32(utf8);
    LineBreakRequest rq;
    rq.role = role;
    rq.size_pt = size;
    rq.char_spacing_pt = cs;
    rq.first_line_width_pt = width - indent;
    rq.line_width_pt = width;
    rq.justify = full == Align::justify;
    const std::vector<BrokenLine> lines = break_lines(t, m_, rq);
    for (size_t n = 0; n < lines.size(); ++n) {
      const BrokenLine& l = lines[n];
      Row r;
      r.block = block;
      r.keep_with_next = keep_with_next;
      if (l.glyphs() == 0) {
        r.blank = true;
        rows.push_back(std::move(r));
        continue;
      }
      const double left = p_.type_left_pt() + (n == 0 ? indent : 0.0);
      const double avail = width - (n == 0 ? indent : 0.0);
      Piece piece;
      piece.kind = kind;
      piece.role = role;
      piece.size_pt = size;
      const std::u32string_view line_text = std::u32string_view(t).substr(l.begin, l.glyphs());
      if (rq.justify && last == Align::left) {
        piece.fit = fit_justified(line_text, l.advance_pt, left, avail, cs, size, l.ends_paragraph);
      } else {
        piece.fit = fit_line(l.advance_pt, l.glyphs(), left, avail, cs, size,
                             l.ends_paragraph ? last : full);
      }
      piece.text = u32_to_utf8(line_text);
      piece.first_line = n == 0;
      piece.last_line = l.ends_paragraph;
      r.pieces.push_back(std::move(piece));
      rows.push_back(std::move(r));
    }
  }

  // One column geometry for every signature block of the document, so the clerk's line
  // (after the date and the note) aligns with the judges'.
  void measure_signatures(const Document& doc) {
    const double size = p_.body_size_pt;
    title_chars_ = kSignatureTitleChars;
    name_width_ = natural_width_pt(kSignatureNameMinChars * size, kSignatureNameMinChars, body_cs_);
    for (const Block& b : doc.blocks) {
      const auto* s = std::get_if<Signature>(&b);
      if (s == nullptr) continue;
      for (const SignatureRow& row : s->rows) {
        const std::u32string title = utf8_to_u32(row.title);
        const std::u32string name = utf8_to_u32(row.name);
        title_chars_ = std::max(title_chars_, title.size());
        name_width_ = std::max(
            name_width_,
            natural_width_pt(m_.advance_pt(FaceRole::body, name, size), name.size(), body_cs_));
      }
    }
  }

 private:
  void signature(const Signature& s, int block) {
    struct Prepared {
      std::u32string title, name;
      double title_adv = 0, name_adv = 0;
    };
    std::vector<Prepared> prepared;
    const double size = p_.body_size_pt;
    for (const SignatureRow& row : s.rows) {
      Prepared x;
      x.title = utf8_to_u32(row.title);
      x.name = utf8_to_u32(row.name);
      x.title_adv = m_.advance_pt(FaceRole::body, x.title, size);
      x.name_adv = m_.advance_pt(FaceRole::body, x.name, size);
      prepared.push_back(std::move(x));
    }
    const double title_width = static_cast<double>(title_chars_) * pitch_;
    const double gap = kSignatureGapChars * pitch_;
    const double right = p_.type_right_pt() - p_.signature_right_indent_chars * pitch_;
    const double x_title = std::max(p_.type_left_pt(), right - (title_width + gap + name_width_));
    const double x_name = x_title + title_width + gap;
    for (size_t n = 0; n < prepared.size(); ++n) {
      const Prepared& x = prepared[n];
      Row r;
      r.block = block;
      if (!x.title.empty()) {
        Piece t;
        t.kind = LineKind::signature_title;
        t.size_pt = size;
        // Letter-space the title to exactly the column width (审 判 长 / 执 行 员 / 院　　长).
        t.fit = fit_line(x.title_adv, x.title.size(), x_title, title_width, body_cs_, size,
                         Align::distribute);
        t.text = u32_to_utf8(x.title);
        t.first_line = n == 0;
        t.last_line = n + 1 == prepared.size();
        r.pieces.push_back(std::move(t));
      }
      if (!x.name.empty()) {
        Piece nm;
        nm.kind = LineKind::signature_name;
        nm.size_pt = size;
        nm.fit = fit_line(x.name_adv, x.name.size(), x_name, right - x_name, body_cs_, size,
                          Align::left);
        nm.text = u32_to_utf8(x.name);
        nm.first_line = n == 0;
        nm.last_line = n + 1 == prepared.size();
        r.pieces.push_back(std::move(nm));
      }
      r.blank = r.pieces.empty();
      rows.push_back(std::move(r));
    }
  }

  void table(const Table& tb, int block) {
    const size_t cols = tb.columns.size();
    if (cols == 0) return;
    const double size = p_.body_size_pt;
    const double pad = kCellPaddingEm * size;
    const double width = p_.type_area_width_pt;

    std::vector<std::vector<std::u32string>> cells;  // header first
    cells.emplace_back();
    for (const std::string& c : tb.columns) cells.back().push_back(utf8_to_u32(c));
    for (const auto& row : tb.rows) {
      cells.emplace_back(cols);
      for (size_t c = 0; c < cols && c < row.size(); ++c) cells.back()[c] = utf8_to_u32(row[c]);
    }

    // Natural column widths, then fit them to the type area.
    std::vector<double> natural(cols, 2 * pitch_ + 2 * pad);
    for (const auto& row : cells) {
      for (size_t c = 0; c < cols; ++c) {
        const double w =
            natural_width_pt(m_.advance_pt(FaceRole::body, row[c], size), row[c].size(), body_cs_) +
            2 * pad;
        natural[c] = std::max(natural[c], w);
      }
    }
    const std::vector<double> col_w = fit_columns(natural, width);
    TableGeometry geometry;
    geometry.column_x.push_back(p_.type_left_pt());
    for (size_t c = 0; c < cols; ++c)
      geometry.column_x.push_back(geometry.column_x.back() + col_w[c]);
    geometry.column_x.back() = p_.type_right_pt();  // no rounding drift at the right rule

    const int table_id = static_cast<int>(tables.size());
    for (size_t r = 0; r < cells.size(); ++r) {
      const bool header = r == 0;
      std::vector<std::vector<BrokenLine>> broken(cols);
      size_t height = 1;
      for (size_t c = 0; c < cols; ++c) {
        LineBreakRequest rq;
        rq.size_pt = size;
        rq.char_spacing_pt = body_cs_;
        rq.first_line_width_pt = rq.line_width_pt = col_w[c] - 2 * pad;
        broken[c] = break_lines(cells[r][c], m_, rq);
        height = std::max(height, broken[c].size());
      }
      for (size_t k = 0; k < height; ++k) {
        Row row;
        row.block = block;
        row.table = table_id;
        row.table_header = header;
        row.table_row_end = k + 1 == height;
        // Lines of one table row stay together; the header stays with the first body row.
        row.keep_with_next = !row.table_row_end || (header && !tb.rows.empty());
        for (size_t c = 0; c < cols; ++c) {
          if (k >= broken[c].size() || broken[c][k].glyphs() == 0) continue;
          const BrokenLine& l = broken[c][k];
          const bool single = broken[c].size() == 1;
          Piece piece;
          piece.kind = LineKind::table_cell;
          piece.size_pt = size;
          piece.fit =
              fit_line(l.advance_pt, l.glyphs(), geometry.column_x[c] + pad, col_w[c] - 2 * pad,
                       body_cs_, size, single || header ? Align::centre : Align::left);
          piece.text = u32_to_utf8(std::u32string_view(cells[r][c]).substr(l.begin, l.glyphs()));
          piece.first_line = k == 0;
          piece.last_line = l.ends_paragraph;
          row.pieces.push_back(std::move(piece));
        }
        if (header) geometry.header_rows.push_back(row);
        rows.push_back(std::move(row));
      }
    }
    tables.push_back(std::move(geometry));
  }

  const PageProfile& p_;
  const TextMeasurer& m_;
  double pitch_;
  double body_cs_;
  size_t title_chars_ = kSignatureTitleChars;
  double name_width_ = 0;
};

bool is_tail_block(const Block& b) {
  return std::holds_alternative<Signature>(b) || std::holds_alternative<DateLine>(b) ||
         std::holds_alternative<Note>(b) || std::holds_alternative<Blank>(b);
}

// Keeps the tail (signature … date … clerk) on one page with the last two text lines before it.
void keep_tail_with_text(const Document& doc, const std::vector<size_t>& block_first_row,
                         std::vector<Row>& rows) {
  size_t first = doc.blocks.size();
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    if (std::holds_alternative<Signature>(doc.blocks[b])) {
      first = b;
      break;
    }
  }
  if (first == doc.blocks.size()) return;
  size_t last = first;
  while (last + 1 < doc.blocks.size() && is_tail_block(doc.blocks[last + 1])) ++last;
  const size_t tail_begin = block_first_row[first];
  const size_t tail_end = block_first_row[last + 1];  // one past the tail's last row
  if (tail_end <= tail_begin) return;
  size_t start = tail_begin;
  int text_lines = 0;
  while (start > 0 && text_lines < 2) {
    --start;
    if (!rows[start].blank) ++text_lines;
  }
  for (size_t r = start; r + 1 < tail_end; ++r) rows[r].keep_with_next = true;
}

double baseline_for(const PageProfile& p, int grid_line, double size_pt) {
  const double cell_middle = p.type_top_pt() - (grid_line + 0.5) * p.line_pitch_pt;
  return cell_middle - size_pt / 2 + kEmBoxDescent * size_pt;
}

PlacedLine place(const Piece& piece, const PageProfile& p, int grid_line, int block) {
  PlacedLine l;
  l.kind = piece.kind;
  l.role = piece.role;
  l.size_pt = piece.size_pt;
  l.x_pt = piece.fit.x_pt;
  l.baseline_y_pt = baseline_for(p, grid_line, piece.size_pt);
  l.char_spacing_pt = piece.fit.char_spacing_pt;
  l.width_pt = piece.fit.width_pt;
  l.adjustments = piece.fit.adjustments;
  l.text = piece.text;
  l.grid_line = grid_line;
  l.block_index = block;
  l.first_line = piece.first_line;
  l.last_line = piece.last_line;
  return l;
}

void add_table_rules(const PageProfile& p, const std::vector<const Row*>& slots,
                     const std::vector<TableGeometry>& tables, std::vector<PlacedRule>& rules) {
  auto y_top = [&](size_t k) { return p.type_top_pt() - static_cast<double>(k) * p.line_pitch_pt; };
  auto hline = [&](const TableGeometry& t, double y) {
    rules.push_back({t.column_x.front(), y, t.column_x.back(), y, kRuleWidthPt});
  };
  size_t k = 0;
  while (k < slots.size()) {
    if (slots[k]->table < 0) {
      ++k;
      continue;
    }
    const int id = slots[k]->table;
    const TableGeometry& t = tables[static_cast<size_t>(id)];
    const size_t run_begin = k;
    hline(t, y_top(run_begin));
    while (k < slots.size() && slots[k]->table == id) {
      if (slots[k]->table_row_end) hline(t, y_top(k + 1));
      ++k;
    }
    if (!slots[k - 1]->table_row_end) hline(t, y_top(k));  // a row split by the page end
    for (double x : t.column_x) rules.push_back({x, y_top(run_begin), x, y_top(k), kRuleWidthPt});
  }
}

// Greedy fill of the line grid, breaking before a keep group that does not fit; a table
// continued on a new page repeats its header rows there.
std::vector<std::vector<const Row*>> fill_pages(const std::vector<Row>& rows,
                                                const std::vector<TableGeometry>& tables,
                                                size_t capacity) {
  std::vector<std::vector<const Row*>> pages;
  std::vector<const Row*> current;
  size_t own_rows = 0;  // rows on the current page other than repeated table headers
  std::vector<bool> table_seen(tables.size(), false);
  auto flush = [&] {
    if (own_rows > 0) pages.push_back(std::move(current));
    current.clear();
    own_rows = 0;
  };
  size_t i = 0;
  while (i < rows.size()) {
    if (own_rows == 0) {
      current.clear();
      while (i < rows.size() && rows[i].blank) ++i;  // no blank lines at the top of a page
      if (i == rows.size()) break;
      const Row& r = rows[i];
      if (r.table >= 0 && !r.table_header && table_seen[static_cast<size_t>(r.table)]) {
        for (const Row& h : tables[static_cast<size_t>(r.table)].header_rows) current.push_back(&h);
      }
    }
    if (rows[i].page_break) {
      flush();
      ++i;
      continue;
    }
    size_t group_end = i;
    while (group_end + 1 < rows.size() && rows[group_end].keep_with_next) ++group_end;
    const size_t group = group_end - i + 1;
    if (own_rows > 0 && current.size() + group > capacity && group <= capacity) {
      flush();
      continue;
    }
    if (rows[i].table >= 0) table_seen[static_cast<size_t>(rows[i].table)] = true;
    current.push_back(&rows[i]);
    ++own_rows;
    ++i;
    if (current.size() >= capacity) flush();
  }
  flush();
  return pages;
}

void add_page_number(const PageProfile& profile, const TextMeasurer& measurer, Page& page) {
  // GB/T 9704-2012 §7.5: 4号 Arabic digits between em dashes, below the type area; odd
  // pages right and even pages left, one character in from the type-area edge.
  PlacedLine number;
  number.kind = LineKind::page_number;
  number.role = FaceRole::page_number;
  number.size_pt = profile.page_number_size_pt;
  number.text = page_number_text(page.number);
  number.width_pt =
      measurer.advance_pt(FaceRole::page_number, utf8_to_u32(number.text), number.size_pt);
  number.baseline_y_pt = profile.page_number_baseline_pt();
  const double inset = profile.char_pitch_pt();
  if (profile.page_numbers == PageNumberPlacement::centred) {
    number.x_pt = (profile.type_left_pt() + profile.type_right_pt() - number.width_pt) / 2;
  } else if (page.number % 2 == 1) {
    number.x_pt = profile.type_right_pt() - inset - number.width_pt;
  } else {
    number.x_pt = profile.type_left_pt() + inset;
  }
  number.first_line = number.last_line = true;
  page.lines.push_back(std::move(number));
}

}  // namespace

std::string page_number_text(int number) { return "\u2014 " + std::to_string(number) + " \u2014"; }

double title_letter_spacing_em(size_t glyphs) {
  if (glyphs <= 6) return 0.5;
  if (glyphs <= 10) return 0.25;
  return 0.0;
}

LaidOutDocument paginate(const Document& document, const PageProfile& profile,
                         const TextMeasurer& measurer) {
  if (profile.lines_per_page < 1 || profile.chars_per_line < 2 || profile.line_pitch_pt <= 0) {
    throw std::invalid_argument("paginate: page profile without a usable grid: " + profile.name);
  }
  RowBuilder builder(profile, measurer);
  builder.measure_signatures(document);
  std::vector<size_t> block_first_row;
  block_first_row.reserve(document.blocks.size() + 1);
  for (size_t b = 0; b < document.blocks.size(); ++b) {
    block_first_row.push_back(builder.rows.size());
    builder.add(document.blocks[b], static_cast<int>(b));
  }
  block_first_row.push_back(builder.rows.size());
  std::vector<Row>& rows = builder.rows;
  const std::vector<TableGeometry>& tables = builder.tables;
  keep_tail_with_text(document, block_first_row, rows);

  const std::vector<std::vector<const Row*>> pages =
      fill_pages(rows, tables, static_cast<size_t>(profile.lines_per_page));

  LaidOutDocument out;
  out.metadata = document.metadata;
  out.page_width_pt = profile.page_width_pt;
  out.page_height_pt = profile.page_height_pt;
  out.pages.reserve(pages.size());
  for (size_t n = 0; n < pages.size(); ++n) {
    Page page;
    page.number = static_cast<int>(n + 1);
    const std::vector<const Row*>& slots = pages[n];
    for (size_t k = 0; k < slots.size(); ++k) {
      for (const Piece& piece : slots[k]->pieces) {
        page.lines.push_back(place(piece, profile, static_cast<int>(k), slots[k]->block));
      }
    }
    add_table_rules(profile, slots, tables, page.rules);
    for (size_t k = 0; k < slots.size(); ++k) {
      if (slots[k]->chart != nullptr)
        place_bar_chart(*slots[k]->chart, profile, static_cast<int>(k), slots[k]->block, measurer,
                        page);
    }
    if (profile.page_numbers != PageNumberPlacement::none) add_page_number(profile, measurer, page);
    out.pages.push_back(std::move(page));
  }
  return out;
}

}  // namespace zhixing::inline documents::layout
