// Why one input line was rejected: a code from the closed list of docs/case-record.md,
// the first failing field as a path (empty for line-level codes), and a Chinese message.
#pragma once

#include <string>

namespace zhixing::inline importer {

struct Rejection {
  std::string code;  // bad_id_number, missing_field, …
  std::string
      field;  // "parties[0].id_number"; empty = null (bad_encoding, line_too_long, bad_json)
  std::string message;  // 公民身份号码校验位错误 — never a full ID number or bank account
};

}  // namespace zhixing::inline importer
