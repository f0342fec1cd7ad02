// Chinese numerals for court documents: dates 二〇二四年八月二十二日 and article numbers
// (第二百五十三条), as court documents write them.
#pragma once

#include <string>

#include "core/date.h"

namespace zhixing::inline core {

// "二〇二四年八月二十二日": year digit by digit with 〇 (U+3007), month and day as cardinals.
// ICU SimpleDateFormat with the per-field numbering override "y=hanidec;M=hans;d=hans"
// (hanidec alone gives the day as 二二, hans alone the year as 二千零二十四). One formatter per
// thread, created on first use.
// Throws std::runtime_error if ICU fails (missing data).
std::string chinese_date(Date date);

// Cardinal in lowercase Chinese numerals for citations: 253 → 二百五十三, 10 → 十,
// 15 → 十五, 110 → 一百一十, 105 → 一百零五, 0 → 零. Valid for 0..99999999; throws
// std::out_of_range otherwise.
std::string chinese_numeral(int value);

}  // namespace zhixing::inline core
