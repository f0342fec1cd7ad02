// Pieces shared by the case store's insert and update paths (case_store.cpp defines them).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"
#include "importer/rejection.h"

namespace zhixing::inline store::case_rows {

std::string legal_rep_json(const LegalRep& r);
const char* pg_bool(bool b);
// n values of the sequence, in one round trip.
std::vector<long long> next_ids(soci::session& sql, const char* sequence, size_t n);

// What identifies a measure or a receipt across imports: all of its facts.
std::string fact_key(std::initializer_list<std::string_view> facts);
std::string measure_key(const std::string& kind, const std::string& on, const std::string& against,
                        const std::string& amount, const std::string& target,
                        const std::string& period, const std::string& note,
                        const std::string& result);
std::string measure_key(const Measure& m);
std::string receipt_key(const Receipt& r);

// A conflict rejection at `field` (personal numbers in the message masked).
Rejection conflict(const std::string& field, const std::string& message);

}  // namespace zhixing::inline store::case_rows
