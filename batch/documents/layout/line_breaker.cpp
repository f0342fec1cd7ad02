#include "documents/layout/line_breaker.h"

#include "documents/layout/justify.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace zhixing::inline documents::layout {
namespace {

// ICU line BreakIterator creation loads rules and dictionaries (slow); build one prototype per
// process and clone it once per thread (clone() of a const prototype is thread-safe in ICU).
const icu::BreakIterator& prototype_line_iterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::BreakIterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::BreakIterator::createLineInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !prototype) {
      throw std::runtime_error(std::string("line_breaker: ICU createLineInstance: ") +
                               u_errorName(status));
    }
  });
  return *prototype;
}

icu::BreakIterator& thread_line_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator;
  if (!iterator) {
    iterator.reset(prototype_line_iterator().clone());
    if (!iterator) throw std::runtime_error("line_breaker: ICU BreakIterator clone failed");
  }
  return *iterator;
}

bool is_ascii_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}
bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_run_char(char32_t c) {
  return is_ascii_alnum(c) || c == U'%' || c == U'\u00A5' || c == U'\uFFE5' || c == U'-';
}
bool is_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}
bool is_unit_after_number(char32_t c) {
  switch (c) {
    case U'元':
    case U'号':
    case U'年':
    case U'月':
    case U'日':
    case U'条':
    case U'款':
    case U'项':
    case U'万':
    case U'亿':
    case U'％':
      return true;
    default:
      return false;
  }
}

// join[i]: no break between i − 1 and i (0 < i < n). soft[i] (when given): a break the
// unbreakable runs forbid but a long unit may take when nothing better exists — inside a case
// number after its year, （2024）|冀0633执1234号, and between its type and serial, 执|1234号.
std::vector<bool> unbreakable_joins(std::u32string_view t, std::vector<bool>* soft = nullptr) {
  const size_t n = t.size();
  std::vector<bool> join(n + 1, false);
  if (soft != nullptr) soft->assign(n + 1, false);
  auto in_run = [&](size_t i) {
    if (is_run_char(t[i])) return true;
    // '.' and ',' belong to a run only between two alphanumerics (3,000.50), so a sentence's
    // half-width full stop after a number stays a normal mark.
    return (t[i] == U'.' || t[i] == U',') && i > 0 && i + 1 < n && is_ascii_alnum(t[i - 1]) &&
           is_ascii_alnum(t[i + 1]);
  };
  for (size_t i = 1; i < n; ++i) {
    if (in_run(i - 1) && in_run(i)) join[i] = true;
    // 50000元, 1234号, 2024年, 5万元
    if (is_ascii_digit(t[i - 1]) && is_unit_after_number(t[i])) join[i] = true;
    if (t[i] == U'元' && (t[i - 1] == U'万' || t[i - 1] == U'亿') && i >= 2 &&
        is_ascii_digit(t[i - 2])) {
      join[i] = true;
    }
  }
  // Case numbers: （2024）冀0633执1234号 — parenthesised 4-digit year, then ideographs and
  // alphanumerics up to 号.
  constexpr size_t kMaxCaseNumberTail = 24;
  for (size_t i = 0; i + 6 < n; ++i) {
    if (t[i] != U'（' && t[i] != U'(') continue;
    bool year = true;
    for (size_t k = 1; k <= 4; ++k) year = year && is_ascii_digit(t[i + k]);
    if (!year || (t[i + 5] != U'）' && t[i + 5] != U')')) continue;
    size_t j = i + 6;
    while (j < n && j - i < 6 + kMaxCaseNumberTail && t[j] != U'号' &&
           (is_ideograph(t[j]) || is_ascii_alnum(t[j]))) {
      ++j;
    }
    if (j < n && t[j] == U'号' && j > i + 6) {
      for (size_t k = i + 1; k <= j; ++k) join[k] = true;
      if (soft != nullptr) {
        (*soft)[i + 6] = true;
        size_t serial = j;
        while (serial > i + 6 && is_ascii_digit(t[serial - 1])) --serial;
        if (serial < j && serial > i + 6 && is_ideograph(t[serial - 1])) (*soft)[serial] = true;
      }
      i = j;
    }
  }
  return join;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t'; }

}  // namespace

bool forbidden_at_line_start(char32_t cp) {
  switch (cp) {
    case U'，':
    case U'。':
    case U'、':
    case U'；':
    case U'：':
    case U'？':
    case U'！':
    case U'）':
    case U'》':
    case U'〉':
    case U'”':
    case U'’':
    case U'」':
    case U'』':
    case U'】':
    case U'〕':
    case U'〗':
    case U'］':
    case U'｝':
    case U'…':
    case U'—':
    case U'～':
    case U'·':
    case U'．':
    case U'％':
    case U'‰':
    case U'℃':
    case U',':
    case U'.':
    case U';':
    case U':':
    case U'?':
    case U'!':
    case U')':
    case U']':
    case U'}':
      return true;
    default:
      return false;
  }
}

bool forbidden_at_line_end(char32_t cp) {
  switch (cp) {
    case U'（':
    case U'《':
    case U'〈':
    case U'“':
    case U'‘':
    case U'「':
    case U'『':
    case U'【':
    case U'〔':
    case U'〖':
    case U'［':
    case U'｛':
    case U'(':
    case U'[':
    case U'{':
      return true;
    default:
      return false;
  }
}

namespace {

// ICU opportunities narrowed by kinsoku; with `keep_runs` also by the unbreakable runs (whose
// permitted inner breaks go to `soft` when given).
std::vector<bool> opportunities(std::u32string_view text, bool keep_runs,
                                std::vector<bool>* soft = nullptr) {
  const size_t n = text.size();
  std::vector<bool> ok(n + 1, false);
  if (soft != nullptr) soft->assign(n + 1, false);
  if (n < 2) return ok;

  // ICU works in UTF-16; map each UTF-16 offset back to a code point index.
  icu::UnicodeString u16;
  std::vector<size_t> cp_at(1, 0);
  cp_at.reserve(n + 8);
  for (size_t i = 0; i < n; ++i) {
    u16.append(static_cast<UChar32>(text[i]));
    cp_at.resize(static_cast<size_t>(u16.length()) + 1, i + 1);
  }
  icu::BreakIterator& it = thread_line_iterator();
  it.setText(u16);
  for (int32_t b = it.next(); b != icu::BreakIterator::DONE; b = it.next()) {
    const size_t i = cp_at[static_cast<size_t>(b)];
    if (i > 0 && i < n) ok[i] = true;
  }

  const std::vector<bool> join =
      keep_runs ? unbreakable_joins(text, soft) : std::vector<bool>(n + 1);
  for (size_t i = 1; i < n; ++i) {
    if (!ok[i]) continue;
    if (join[i] || forbidden_at_line_start(text[i]) || forbidden_at_line_end(text[i - 1])) {
      ok[i] = false;
    }
  }
  return ok;
}

}  // namespace

std::vector<bool> break_opportunities(std::u32string_view text) {
  return opportunities(text, true);
}

namespace {

// Costs of a justified line (dimensionless; the breaks with the least sum win, as in Knuth and
// Plass's total fit). A line costs 1, plus (added gap / limit)² when it is spread, plus
// kCompressionCost + (compression / what its punctuation can give)² when it is compressed; a
// break inside a case number adds kSoftBreakCost; a spread beyond the limit costs kTooLoose.
constexpr double kLineCost = 1.0;
constexpr double kCompressionCost = 0.5;
constexpr double kSoftBreakCost = 2.0;
constexpr double kTooLoose = 1e6;

// Total fit for justified text (CLREQ §3.8): breaks at `ok` (or, at a cost, `soft`) positions
// such that no full line needs more than kMaxAddedGapEm between characters outside digit and
// Latin runs, moving characters to or from the next line and compressing punctuation where
// that helps. Returns the raw break positions (each line's end before trimming spaces, the
// last one n), or nothing when some unit cannot be placed on any line (the caller then cuts).
std::vector<size_t> total_fit(std::u32string_view text, const std::vector<double>& adv,
                              const std::vector<bool>& ok, const std::vector<bool>& soft,
                              const LineBreakRequest& rq, bool first_part) {
  const size_t n = text.size();
  const double cs = rq.char_spacing_pt;
  const double size = rq.size_pt;
  std::vector<double> sum(n + 1, 0.0), capacity(n + 1, 0.0);
  std::vector<size_t> runs(n + 1, 0);  // prefix counts over gaps g (between g and g + 1)
  for (size_t i = 0; i < n; ++i) {
    sum[i + 1] = sum[i] + adv[i];
    const bool gap = i + 1 < n;
    runs[i + 1] = runs[i] + (gap && inside_run(text[i], text[i + 1]) ? 1 : 0);
    capacity[i + 1] = capacity[i] + (gap ? compressible_em(text[i], text[i + 1]) * size : 0.0);
  }
  std::vector<size_t> nodes = {0};  // raw break positions; a line runs from one to the next
  for (size_t j = 1; j < n; ++j) {
    if (ok[j] || soft[j]) nodes.push_back(j);
  }
  nodes.push_back(n);
  auto line_start = [&](size_t raw) {
    while (raw < n && is_space(text[raw])) ++raw;
    return raw;
  };
  auto line_end = [&](size_t raw, size_t begin) {
    while (raw > begin && is_space(text[raw - 1])) --raw;
    return raw;
  };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> best(nodes.size(), kInf);
  std::vector<size_t> from(nodes.size(), 0);
  best[0] = 0;
  const double limit = kMaxAddedGapEm * size;
  for (size_t k = 1; k < nodes.size(); ++k) {
    const bool last = k + 1 == nodes.size();
    const double break_cost = !last && !ok[nodes[k]] ? kSoftBreakCost : 0.0;
    for (size_t p = k; p-- > 0;) {
      if (best[p] == kInf) continue;
      const size_t b = line_start(nodes[p]);
      const size_t e = line_end(nodes[k], b);
      if (e <= b) continue;
      const double avail = p == 0 && first_part ? rq.first_line_width_pt : rq.line_width_pt;
      const double width = sum[e] - sum[b] + static_cast<double>(e - b - 1) * cs;
      const double squeeze = e - b >= 2 ? capacity[e - 1] - capacity[b] : 0.0;
      if (width - squeeze > avail + kFitTolerancePt) break;  // longer lines only get worse
      double cost = kLineCost + break_cost;
      if (width > avail + kFitTolerancePt) {
        const double r = (width - avail) / squeeze;
        cost += kCompressionCost + r * r;
      } else if (!last && avail - width > kFitTolerancePt) {
        const size_t open = e - b - 1 - (e - b >= 2 ? runs[e - 1] - runs[b] : 0);
        const double extra = open == 0 ? kInf : (avail - width) / static_cast<double>(open);
        const double r = extra / limit;
        cost += r <= 1.0 + 1e-9 ? r * r : kTooLoose * (1.0 + std::min(r, 1e3));
      }
      if (best[p] + cost < best[k]) {
        best[k] = best[p] + cost;
        from[k] = p;
      }
    }
  }
  if (best.back() == kInf) return {};
  std::vector<size_t> breaks;
  for (size_t k = nodes.size() - 1; k > 0; k = from[k]) breaks.push_back(nodes[k]);
  std::reverse(breaks.begin(), breaks.end());
  return breaks;
}

void break_part(std::u32string_view text, size_t offset, const TextMeasurer& measurer,
                const LineBreakRequest& rq, bool first_part, std::vector<BrokenLine>& out) {
  const size_t n = text.size();
  std::vector<double> adv(n);
  for (size_t i = 0; i < n; ++i) adv[i] = measurer.advance_em(rq.role, text[i]) * rq.size_pt;
  std::vector<bool> soft;
  const std::vector<bool> ok = opportunities(text, true, &soft);
  // Fallback for a unit wider than the line: ICU and kinsoku only, runs may split.
  std::vector<bool> relaxed;
  const double cs = rq.char_spacing_pt;

  size_t start = 0;
  bool first_line = first_part;
  if (n == 0) {
    BrokenLine empty;
    empty.begin = empty.end = offset;
    empty.ends_paragraph = true;
    out.push_back(empty);
    return;
  }
  // One line from `start` to the raw break `raw_end`; returns where the next line starts.
  auto emit = [&](size_t raw_end, bool cut) {
    BrokenLine line;
    line.begin = start;
    line.end = raw_end;
    line.cut = cut;
    size_t next = line.end;
    while (line.end > line.begin && is_space(text[line.end - 1])) --line.end;
    for (size_t j = line.begin; j < line.end; ++j) line.advance_pt += adv[j];
    while (next < n && is_space(text[next])) ++next;  // no line starts with a space
    line.ends_paragraph = next >= n;
    line.begin += offset;
    line.end += offset;
    out.push_back(line);
    start = next;
    first_line = false;
  };
  if (rq.justify) {
    const std::vector<size_t> breaks = total_fit(text, adv, ok, soft, rq, first_part);
    if (!breaks.empty()) {
      for (size_t raw : breaks) {
        if (start < n) emit(raw, false);
      }
      return;
    }
  }
  while (start < n) {
    const double avail = first_line ? rq.first_line_width_pt : rq.line_width_pt;
    double width = 0;
    size_t k = 0;
    size_t i = start;
    size_t last_break = 0;  // 0: none yet (a break at 0 is never an opportunity)
    while (i < n) {
      const double w = width + (k > 0 ? cs : 0.0) + adv[i];
      // Trailing spaces never overflow: they are trimmed from the line.
      if (w > avail + kFitTolerancePt && k > 0 && !is_space(text[i])) break;
      width = w;
      ++k;
      ++i;
      if (i < n && ok[i]) last_break = i;
    }
    BrokenLine line;
    line.begin = start;
    if (i == n) {
      line.end = n;
    } else if (last_break > start) {
      line.end = last_break;
    } else {
      // One unbreakable unit wider than the line: split the run at the last ICU/kinsoku
      // opportunity that fits, else cut at the last character that fits, backing off so that
      // the cut respects kinsoku where the unit allows it.
      line.cut = true;
      if (relaxed.empty()) relaxed = opportunities(text, false);
      line.end = i;
      while (line.end > start + 1 && !relaxed[line.end]) --line.end;
      if (!relaxed[line.end]) {
        line.end = i;
        while (line.end > start + 1 && (forbidden_at_line_start(text[line.end]) ||
                                        forbidden_at_line_end(text[line.end - 1]))) {
          --line.end;
        }
      }
    }
    emit(line.end, line.cut);
  }
}

}  // namespace

std::vector<BrokenLine> break_lines(std::u32string_view text, const TextMeasurer& measurer,
                                    const LineBreakRequest& request) {
  std::vector<BrokenLine> lines;
  size_t part_begin = 0;
  bool first = true;
  while (true) {
    const size_t nl = text.find(U'\n', part_begin);
    const size_t part_end = nl == std::u32string_view::npos ? text.size() : nl;
    break_part(text.substr(part_begin, part_end - part_begin), part_begin, measurer, request, first,
               lines);
    first = false;
    if (nl == std::u32string_view::npos) break;
    part_begin = nl + 1;
  }
  return lines;
}

}  // namespace zhixing::inline documents::layout
