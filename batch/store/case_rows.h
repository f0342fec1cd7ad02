// Pieces shared by the case store's insert and update paths (case_store.cpp defines them).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"
#include "importer/rejection.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {
class IdReserve;
}

namespace zhixing::inline store::case_rows {

std::string legal_rep_json(const LegalRep& r);
const char* pg_bool(bool b);
// n values of the sequence, in one round trip.
std::vector<long long> next_ids(soci::session& sql, const char* sequence, size_t n);
// n ids for new rows: the batch's reserved ones when there is a reserve, else drawn.
std::vector<long long> next_ids(soci::session& sql, IdReserve* reserve, const char* sequence,
                                size_t n);

// What identifies a measure or a receipt across imports: all of its facts.
std::string fact_key(std::initializer_list<std::string_view> facts);
std::string measure_key(const std::string& kind, const std::string& on, const std::string& against,
                        const std::string& amount, const std::string& target,
                        const std::string& period, const std::string& note,
                        const std::string& result);
std::string measure_key(const Measure& m);
std::string receipt_key(const Receipt& r);

// Keys that compare a record's part with its stored row (the same text from both sides:
// dates ISO, money in fen, booleans "t"/"f", a null as kNull).
inline constexpr std::string_view kNull = "\x1e";
std::string or_null(const std::optional<std::string>& v);
std::string title_key(const std::optional<TitleDocument>& t);
std::string party_mutable_key(const Party& p);
std::string agent_key(const Agent& a);
std::string settlement_key(const Settlement& s);
std::string relief_key(const ReliefApplication& r);
// SHA-256 of the case row's importable facts (cases.row_sha256); receipts_recorded is not
// among them (it only ever turns on).
std::string case_row_sha256(const CaseRecord& c);
bool is_livelihood(const CaseRecord& c);

// COPY statements and their rows, shared by the insert and the update paths (case_insert.cpp).
extern const char* const kCopyParties;
extern const char* const kCopyAgents;
extern const char* const kCopyMeasures;
extern const char* const kCopyReceipts;
extern const char* const kCopySettlements;
extern const char* const kCopyInstallments;
extern const char* const kCopyReliefApplications;
struct RowSource {
  int64_t run_id;
  long long line;
};
void copy_party_row(CopyIn& copy, long long id, long long case_id, const Party& p, int position,
                    RowSource src);
void copy_agent_rows(CopyIn& copy, long long party_id, const Party& p);
void copy_measure_row(CopyIn& copy, long long case_id, int position, const Measure& m,
                      long long against, RowSource src);
void copy_receipt_row(CopyIn& copy, long long case_id, int position, const Receipt& r,
                      RowSource src);
void copy_settlement_row(CopyIn& copy, long long id, long long case_id, const Settlement& st,
                         std::optional<long long> guarantor, RowSource src);
void copy_installment_rows(CopyIn& copy, long long settlement_id, const Settlement& st);
void copy_relief_row(CopyIn& copy, long long case_id, long long applicant,
                     const ReliefApplication& r, RowSource src);

// A conflict rejection at `field` (personal numbers in the message masked).
Rejection conflict(const std::string& field, const std::string& message);

}  // namespace zhixing::inline store::case_rows
