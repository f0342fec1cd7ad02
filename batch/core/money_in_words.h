// 中文大写金额: Money → "人民币叁拾万伍仟元整" (支付结算办法, 会计基础工作规范; project defaults).
#pragma once

#include <string>

#include "core/money.h"

namespace zhixing::inline core {

// Renders a non-negative amount in Chinese financial uppercase, prefixed with 人民币.
// Works on integer fen only (no ICU: its RBNF drops the 零 before a 万 group above 1亿).
// Project defaults where 支付结算办法 accepts two forms: 零 between 元 and 角 when the 元 digit is
// 0 and the amount is at least 1 yuan; no 零 at a 万/亿 boundary when the next section starts with
// a non-zero 仟; 整 after 元 and after 角, none after 分. Throws std::invalid_argument for negative
// amounts (负 has no place in a voucher).
std::string money_in_words(Money amount);

}  // namespace zhixing::inline core
