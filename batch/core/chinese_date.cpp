#include "core/chinese_date.h"

#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <cfloat>
#include <memory>
#include <stdexcept>

namespace zhixing::inline core {
namespace {

constexpr double kMillisPerDay = 86400000.0;

// SimpleDateFormat is not safe for concurrent format() calls (it mutates its Calendar), and
// creating one costs tens of microseconds; keep one per thread.
icu::SimpleDateFormat& thread_formatter() {
  thread_local std::unique_ptr<icu::SimpleDateFormat> formatter;
  if (!formatter) {
    UErrorCode status = U_ZERO_ERROR;
    // hanidec for the year (二〇二四), hans for month and day (八月二十二日).
    auto f = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString::fromUTF8("y年M月d日"),
                                                     icu::UnicodeString("y=hanidec;M=hans;d=hans"),
                                                     icu::Locale("zh"), status);
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("chinese_date: ICU SimpleDateFormat: ") +
                               u_errorName(status));
    }
    // Date is proleptic Gregorian in UTC days; make ICU agree (no Julian switch in 1582).
    auto calendar = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), status);
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("chinese_date: ICU GregorianCalendar: ") +
                               u_errorName(status));
    }
    calendar->setGregorianChange(-DBL_MAX, status);
    f->adoptCalendar(calendar.release());
    formatter = std::move(f);
  }
  return *formatter;
}

constexpr std::array<const char*, 10> kDigits = {"零", "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};
constexpr std::array<const char*, 4> kPlace = {"", "十", "百", "千"};

// 1..9999; `leading` drops the 一 of a leading ten (十五, not 一十五).
void append_section(std::string& out, int section, bool leading) {
  bool started = false;
  bool zero_pending = false;
  int scale = 1000;
  for (int place = 3; place >= 0; --place, scale /= 10) {
    const int digit = (section / scale) % 10;
    if (digit == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (zero_pending) out += kDigits[0];
    if (!(digit == 1 && place == 1 && leading && !started)) out += kDigits[digit];
    out += kPlace[place];
    started = true;
    zero_pending = false;
  }
}

}  // namespace

std::string chinese_date(Date date) {
  icu::UnicodeString text;
  thread_formatter().format(static_cast<double>(date.days_since_epoch()) * kMillisPerDay, text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string chinese_numeral(int value) {
  if (value < 0 || value > 99999999) throw std::out_of_range("chinese_numeral: out of range");
  if (value == 0) return kDigits[0];
  std::string out;
  const int high = value / 10000;
  const int low = value % 10000;
  if (high > 0) {
    append_section(out, high, true);
    out += "万";
  }
  if (low > 0) {
    if (high > 0 && low < 1000) out += kDigits[0];
    append_section(out, low, high == 0);
  }
  return out;
}

}  // namespace zhixing::inline core
