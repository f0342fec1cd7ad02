// What had been recovered (执行到位) on a given date, as far as the record shows it: a document
// states no fact that postdates its own date and no fact the record does not carry (README.md,
// "Facts as of the document's date").
#pragma once

#include <optional>

#include "core/case_record.h"
#include "core/date.h"
#include "core/money.h"

namespace zhixing::inline core {

// With receipts: the sum of those dated on or before `on`. Without receipts: `recovered` when
// `on` is on or after the closure's date (the total is final then); otherwise unknown (empty),
// never guessed.
std::optional<Money> recovered_as_of(const CaseRecord& record, Date on);

}  // namespace zhixing::inline core
