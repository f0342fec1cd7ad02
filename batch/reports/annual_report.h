// The annual figures (annual_figures.h) as the three outputs of `zhixing report annual`: text for
// the terminal, CSV for spreadsheets, and blocks for the document engine (PDF: summary, the rate
// table with numerators and denominators, a bar chart of monthly filings and closures, and the
// breakdown tables). All report text is Chinese; every rate carries numerator, denominator and
// scope.
#pragma once

#include <string>

#include "documents/layout/blocks.h"
#include "reports/annual_figures.h"

namespace zhixing::reports {

std::string annual_report_text(const AnnualFigures& figures);

// Header 分类,指标,数值,分子,分母,单位,范围; money as 元 with two decimals (exact), rates as
// 43.63 (percent, two decimals), one row per figure.
std::string annual_report_csv(const AnnualFigures& figures);

layout::Document annual_report_document(const AnnualFigures& figures);

}  // namespace zhixing::reports
