// Posting to the relief fund ledger. Every outcome is a named result: created, exists,
// exists_with_different_<field>, insufficient_funds …; only a failure of the database itself
// throws. Each posting is one database transaction that holds the ledger's append lock from its
// first read to its commit: the idempotency check, the balance checks and the appends see every
// earlier posting, so a fund never goes negative, a key is posted once however many submit it,
// and the hash chain never forks. A refused posting writes nothing.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "ledger/hash_chain.h"
#include "ledger/transaction_kind.h"

namespace zhixing::ledger {

struct LedgerOptions {
  // Money enforced later is offset against the relief paid (configurable).
  bool offsets_enabled = true;
};

// 拨入: the budget document number is the key.
struct AppropriationRequest {
  std::string budget_document_number;
  std::string court_code;
  int year = 0;
  Money amount;
  Date business_date;
};

// 发放: a relief panel decision (the 司救执 number is the key). The voucher number is assigned
// here, per court and year in posting order: post_grants sorts a batch by decision number first
// so that a rerun numbers the same grants the same way. No money moves without a panel's
// decision: post_grant refuses a grant unless a recorded panel decision with that number grants
// that applicant exactly that amount on that date (no_decision, decision_mismatch), a
// relief-decision document of the decision with that SHA-256 was issued (no_decision_document),
// and the amount is within the cap of the application's latest assessment or the decision
// carries exception_approved (over_cap).
struct GrantRequest {
  std::string decision_number;  // （2024）冀0633司救执3号
  std::string court_code;
  int year = 0;
  int64_t applicant_party_id = 0;
  std::string applicant_name;
  Money amount;
  std::string decision_document_sha256;  // of the decision document (PDF) as issued
  Date business_date;                    // the decision date
};

// 支付: a line of the bank confirmation file; the bank reference is the key.
struct PaymentRequest {
  std::string voucher_number;
  Date paid_on;
  Money amount;
  std::string bank_reference;
};

// 扣回: money enforced later from the debtor; posts min(received, unrecovered relief).
struct OffsetRequest {
  std::string receipt_reference;
  std::string court_code;
  int year = 0;  // the year of the relief being repaid (its accounts)
  int64_t applicant_party_id = 0;
  Money received;
  Date business_date;
};

// 追回: relief revoked for fraud; the revocation decision number is the key.
struct RecoveryRequest {
  std::string revocation_decision_number;
  std::string court_code;
  int year = 0;
  int64_t applicant_party_id = 0;
  Money amount;
  Date business_date;
  std::string reason;
};

// 冲正: nets the original to zero; the key is "reversal:" + the original key.
struct ReversalRequest {
  TransactionKind original_kind = TransactionKind::appropriation;
  std::string original_key;
  Date business_date;
  std::string reason;
};

enum class PostStatus {
  created,
  exists,                     // the same key with the same content: nothing written
  exists_with_different,      // the same key, different content: `field` names it
  invalid_request,            // `field` names what is wrong
  insufficient_funds,         // the fund cannot cover the grant
  balance_would_go_negative,  // another account would (`field`: its code)
  not_found,                  // the voucher or the transaction to reverse is unknown
  already_reversed,
  cannot_reverse_a_reversal,
  grant_reversed,  // payment against a reversed grant
  already_paid,    // the voucher has a payment under another bank reference
  amount_differs_from_voucher,
  exceeds_unrecovered_relief,
  nothing_to_offset,
  offsets_disabled,
  voucher_numbers_exhausted,
  no_decision,           // grants: no panel decision with that 司救执 number is recorded
  decision_mismatch,     // grants: the decision differs (refused, applicant, amount …: `field`)
  no_decision_document,  // grants: no relief-decision document with that SHA-256 was issued
  over_cap,              // grants: above the cap without the decision's exception approval
};

struct PostResult {
  PostStatus status = PostStatus::created;
  std::string field;    // exists_with_different / invalid_request / balance_would_go_negative
  std::string message;  // Chinese, for people
  int64_t transaction_id = 0;
  std::string voucher_number;  // grants (created or exists)
  int64_t amount_fen = 0;      // what was (or would have been) posted

  bool ok() const { return status == PostStatus::created || status == PostStatus::exists; }
  // Every status but created/exists is a business refusal: the request was read and turned
  // down, nothing was written. (A failure of the database throws instead.)
  bool refused() const { return !ok(); }
  // "created", "exists_with_different_amount", "insufficient_funds" …
  std::string code() const;
};

std::string_view status_name(PostStatus status);

// A posted grant with its voucher: what the 发放凭证 prints and the bank file refers to.
struct PostedGrant {
  std::string voucher_number;
  std::string decision_number;
  std::string court_code;
  int year = 0;
  int64_t applicant_party_id = 0;
  std::string applicant_name;
  Money amount;
  Date decided_on;  // the grant's business date
  std::string decision_document_sha256;
  bool reversed = false;
  bool paid = false;  // a bank confirmation was applied
};

class Ledger {
 public:
  // `sql` must not be inside a transaction: each posting is its own.
  explicit Ledger(soci::session& sql, LedgerOptions options = {}) : sql_(sql), options_(options) {}

  PostResult post_appropriation(const AppropriationRequest& request, const std::string& posted_by);
  PostResult post_grant(const GrantRequest& request, const std::string& posted_by);
  // Posts in decision-number order (court, year, serial), so voucher numbers follow it; the
  // results come back in the order of `requests`.
  std::vector<PostResult> post_grants(const std::vector<GrantRequest>& requests,
                                      const std::string& posted_by);
  PostResult post_payment(const PaymentRequest& request, const std::string& posted_by);
  PostResult post_offset(const OffsetRequest& request, const std::string& posted_by);
  PostResult post_recovery(const RecoveryRequest& request, const std::string& posted_by);
  PostResult post_reversal(const ReversalRequest& request, const std::string& posted_by);

  // Reads (no lock).
  // The grants of a court and year, in voucher order.
  std::vector<PostedGrant> posted_grants(const std::string& court_code, int year);
  int64_t balance_fen(const std::string& court_code, int year, AccountKind kind,
                      int64_t applicant_party_id = 0);
  int64_t unrecovered_relief_fen(const std::string& court_code, int year,
                                 int64_t applicant_party_id);

 private:
  struct Leg {
    AccountKind account;
    int64_t applicant_party_id;
    std::string account_name;
    int64_t debit_fen;
    int64_t credit_fen;
  };
  struct Plan;
  struct Posting;  // post()'s steps (ledger.cpp)
  PostResult post(TransactionKind kind, const std::string& key, const std::string& posted_by,
                  const std::function<PostResult(Plan&)>& prepare);

  soci::session& sql_;
  LedgerOptions options_;
};

}  // namespace zhixing::ledger
