// PostgreSQL array literals in text form: how ids and text lists cross the wire (one
// parameter instead of thousands) and how text[] columns come back.
#pragma once

#include <string>
#include <vector>

namespace zhixing::inline store {

// {1,2,3}: for cast(:ids as bigint[]).
std::string pg_bigint_array(const std::vector<long long>& values);
// {"a","b c"}: for cast(:x as text[]); quotes and backslashes escaped.
std::string pg_text_array(const std::vector<std::string>& values);
// The text output of a text[] column ({a,"b c"}) back to its values.
std::vector<std::string> parse_pg_text_array(const std::string& text);

}  // namespace zhixing::inline store
