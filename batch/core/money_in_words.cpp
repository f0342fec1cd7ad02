#include "core/money_in_words.h"

#include <array>
#include <cstdint>
#include <stdexcept>

namespace zhixing::inline core {
namespace {

constexpr std::array<const char*, 10> kDigits = {"零", "壹", "贰", "叁", "肆",
                                                 "伍", "陆", "柒", "捌", "玖"};
// Units inside a 4-digit section, indexed by position from the right.
constexpr std::array<const char*, 4> kPlace = {"", "拾", "佰", "仟"};
// Section units from the right. int64 fen tops out below 1000万亿 yuan.
constexpr std::array<const char*, 4> kSection = {"", "万", "亿", "万亿"};

// One 4-digit section (1..9999) without leading zeros: zero digits are skipped, one 零 goes
// before a non-zero digit that follows zeros, and a leading ten keeps its 壹 (壹拾).
void append_section(std::string& out, int64_t section) {
  bool started = false;
  bool zero_pending = false;
  for (int place = 3; place >= 0; --place) {
    int64_t scale = 1;
    for (int i = 0; i < place; ++i) scale *= 10;
    const int digit = static_cast<int>((section / scale) % 10);
    if (digit == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (zero_pending) out += kDigits[0];
    out += kDigits[digit];
    out += kPlace[place];
    started = true;
    zero_pending = false;
  }
}

void append_yuan(std::string& out, int64_t yuan) {
  std::array<int64_t, kSection.size()> sections{};
  for (auto& s : sections) {
    s = yuan % 10000;
    yuan /= 10000;
  }
  bool any = false;          // a higher section has been written
  bool gap_pending = false;  // a whole zero section lies between it and the next one
  for (int i = static_cast<int>(sections.size()) - 1; i >= 0; --i) {
    const int64_t s = sections[i];
    if (s == 0) {
      if (any) gap_pending = true;
      continue;
    }
    // 零 between sections: a skipped zero section, or a lower section with a leading zero
    // (< 1000). Not when the section starts with a non-zero 仟 (叁拾万伍仟).
    if (any && (gap_pending || s < 1000)) out += kDigits[0];
    append_section(out, s);
    out += kSection[i];
    any = true;
    gap_pending = false;
  }
  // A trailing zero section never leaves a 零 behind: gap_pending is simply dropped.
}

}  // namespace

std::string money_in_words(Money amount) {
  const int64_t fen = amount.fen();
  if (fen < 0) throw std::invalid_argument("money_in_words: negative amount");
  const int64_t yuan = fen / 100;
  const int jiao = static_cast<int>((fen / 10) % 10);
  const int fen_digit = static_cast<int>(fen % 10);

  std::string out = "人民币";
  if (yuan > 0) {
    append_yuan(out, yuan);
    out += "元";
  }
  if (jiao == 0 && fen_digit == 0) {
    if (yuan == 0) out += "零元";
    out += "整";
    return out;
  }
  // 零 after 元: required by 支付结算办法 when 角 is 0; the project default when the 元 digit is 0
  // (where 支付结算办法 accepts it with or without).
  if (yuan > 0 && (jiao == 0 || yuan % 10 == 0)) out += kDigits[0];
  if (jiao > 0) {
    out += kDigits[jiao];
    out += "角";
  }
  if (fen_digit > 0) {
    out += kDigits[fen_digit];
    out += "分";
  } else {
    out += "整";  // ends at 角: 整 satisfies both 支付结算办法 and 会计基础工作规范
  }
  return out;
}

}  // namespace zhixing::inline core
