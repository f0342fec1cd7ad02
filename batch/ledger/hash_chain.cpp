#include "ledger/hash_chain.h"

#include "core/invariant.h"
#include "core/sha256.h"

namespace zhixing::ledger {

namespace {

void field(std::string& out, const char* name, const std::string& value) {
  out += name;
  out += '=';
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  out += '\n';
}

void field(std::string& out, const char* name, int64_t value) {
  field(out, name, std::to_string(value));
}

}  // namespace

std::string canonical_transaction(const TransactionContent& c) {
  std::string out = "zhixing.ledger.transaction/1\n";
  field(out, "kind", std::string(kind_name(c.kind)));
  field(out, "key", c.key);
  field(out, "court", c.court_code);
  field(out, "year", c.year);
  field(out, "amount_fen", c.amount_fen);
  field(out, "received_fen", c.received_fen);
  field(out, "business_date", c.business_date.iso());
  field(out, "applicant_party_id", c.applicant_party_id);
  field(out, "applicant_name", c.applicant_name);
  field(out, "decision_number", c.decision_number);
  field(out, "decision_document_sha256", c.decision_document_sha256);
  field(out, "voucher_number", c.voucher_number);
  field(out, "reverses", c.reverses_key);
  field(out, "reason", c.reason);
  return out;
}

std::string content_sha256(const TransactionContent& content) {
  return sha256_hex(canonical_transaction(content));
}

std::string canonical_entry(const EntryContent& e) {
  ZHIXING_INVARIANT(e.version == kEntryVersion1 || e.version == kEntryVersion2,
                    "an entry is canonicalised under a known version");
  std::string out = "zhixing.ledger.entry/" + std::to_string(e.version) + "\n";
  field(out, "sequence", e.sequence);
  field(out, "transaction_kind", e.transaction_kind);
  field(out, "transaction_key", e.transaction_key);
  field(out, "transaction_content_sha256", e.transaction_content_sha256);
  field(out, "posted_by", e.posted_by);
  field(out, "business_date", e.business_date.iso());
  field(out, "account", e.account_code);
  if (e.version >= kEntryVersion2) {
    field(out, "account_kind", e.account_kind);
    field(out, "account_court", e.account_court);
    field(out, "account_year", e.account_year);
    field(out, "account_applicant_party_id", e.account_applicant_party_id);
    field(out, "account_name", e.account_name);
    field(out, "voucher_number", e.voucher_number);
    field(out, "voucher_serial", e.voucher_serial);
    field(out, "confirmation_voucher_number", e.confirmation_voucher_number);
    field(out, "confirmation_paid_on", e.confirmation_paid_on);
    field(out, "confirmation_amount_fen", e.confirmation_amount_fen);
    field(out, "confirmation_bank_reference", e.confirmation_bank_reference);
  }
  field(out, "debit_fen", e.debit_fen);
  field(out, "credit_fen", e.credit_fen);
  return out;
}

std::string entry_hash(const EntryContent& entry, const std::string& prev_hash) {
  ZHIXING_INVARIANT(is_sha256_hex(prev_hash), "the previous hash is 64 lower-case hex characters");
  return sha256_hex(canonical_entry(entry) + prev_hash);
}

}  // namespace zhixing::ledger
