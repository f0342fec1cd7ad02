#include "core/recovered_as_of.h"

namespace zhixing::inline core {

std::optional<Money> recovered_as_of(const CaseRecord& record, Date on) {
  if (record.receipts) {
    Money sum;
    for (const Receipt& r : *record.receipts)
      if (r.on <= on) sum += r.amount;
    return sum;
  }
  if (record.closure && record.closure->on <= on) return record.recovered;
  return std::nullopt;
}

}  // namespace zhixing::inline core
