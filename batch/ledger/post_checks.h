// The checks a posting request passes before anything is written: its texts, keys, court and
// year, amounts, and a grant's panel decision. Each refusal is a named PostResult.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/money.h"
#include "ledger/ledger.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

inline constexpr std::size_t kMaxKeyBytes = 200;
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxReasonBytes = 2000;
inline constexpr std::size_t kMaxVoucherNumberBytes = 64;

PostResult refuse(PostStatus status, std::string message, std::string field = "");
// Money as figures (¥1,234.56) for messages.
std::string yuan(int64_t fen);

// Every text that reaches a hash or a ledger table: valid UTF-8, no NUL or other control
// character, 1..max_bytes bytes (core/input_text.h). What passes is stored and hashed as it is.
std::optional<PostResult> check_text(const std::string& text, const char* field,
                                     std::size_t max_bytes, bool required = true);
std::optional<PostResult> check_court_year(const std::string& court, int year);
std::optional<PostResult> check_key(const std::string& key, const char* field);
// Bound: no single posting reaches 10^12 fen (¥10,000,000,000.00), so sums cannot overflow.
std::optional<PostResult> check_amount(Money amount, const char* field);

// No money moves without a panel's decision: the recorded decision with that number grants
// this applicant exactly this amount on this date, its relief-decision document with this
// SHA-256 was issued, and the amount is within the cap unless the panel approved the
// exception. Read under the posting's lock, in its transaction.
std::optional<PostResult> check_panel_decision(LedgerStore& store, const GrantRequest& q,
                                               const std::string& number,
                                               const std::string& decision_sha);

}  // namespace zhixing::ledger
