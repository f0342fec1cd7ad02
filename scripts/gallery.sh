#!/usr/bin/env bash
# Regenerates docs/gallery/: a 60-dpi PNG of page 1 of every document kind, taken from the
# documents the nightly run wrote (run scripts/setup.sh first), and of the last page — the one
# the court's seal is pressed on, over the date line — where a document has more than one. For
# each kind the first document by path is used, so the gallery changes only when the output does.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${GALLERY_SOURCE:-out/documents}
[ -d "$src" ] || { echo "没有 $src：请先运行 scripts/setup.sh" >&2; exit 1; }
mkdir -p docs/gallery
kinds=(notice property-report-order ruling-freeze ruling-seal assist-notice ruling-zhongben
       consumption-ban settlement relief-decision relief-voucher)
for kind in "${kinds[@]}"; do
  pdf=$(find "$src" -name "$kind-*.pdf" | LC_ALL=C sort | sed -n 1p)
  if [ -z "$pdf" ]; then
    echo "gallery: no $kind document yet" >&2
    continue
  fi
  pdftoppm -r 60 -f 1 -l 1 -png -singlefile "$pdf" "docs/gallery/$kind"
  echo "gallery: docs/gallery/$kind.png  <=  $pdf"
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  if [ "${pages:-1}" -gt 1 ]; then
    pdftoppm -r 60 -f "$pages" -l "$pages" -png -singlefile "$pdf" "docs/gallery/$kind-last"
    echo "gallery: docs/gallery/$kind-last.png  <=  $pdf (page $pages)"
  else
    rm -f "docs/gallery/$kind-last.png"
  fi
done
# The leadership reports (zhixing report), page 1 each, from what scripts/setup.sh wrote.
reports=${GALLERY_REPORTS:-out/reports}
for pair in "annual-2024.pdf:report-annual" "zhongben-2024-12-31.pdf:report-zhongben"; do
  pdf="$reports/${pair%%:*}"
  if [ ! -f "$pdf" ]; then
    echo "gallery: no $pdf yet" >&2
    continue
  fi
  pdftoppm -r 60 -f 1 -l 1 -png -singlefile "$pdf" "docs/gallery/${pair##*:}"
  echo "gallery: docs/gallery/${pair##*:}.png  <=  $pdf"
done
# Page 2 of the annual report carries the bar chart of monthly filings and closures.
if [ -f "$reports/annual-2024.pdf" ]; then
  pdftoppm -r 60 -f 2 -l 2 -png -singlefile "$reports/annual-2024.pdf" docs/gallery/report-annual-chart
  echo "gallery: docs/gallery/report-annual-chart.png  <=  $reports/annual-2024.pdf (page 2)"
fi
