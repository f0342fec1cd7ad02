// What `zhixing docs` and `zhixing batch` both check before they start: a selection (cases or
// a filter) that the database can use, and a user that exists. Usage errors exit 2.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "jobs/document_batch.h"
#include "store/user_store.h"

namespace zhixing::app::cli {

inline void validate_document_selection(soci::session& sql, const std::string& filter,
                                        const std::string& user) {
  if (!filter.empty()) {
    try {
      jobs::parse_case_filter(filter);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("--filter", e.what());
    }
  }
  if (!user.empty()) {
    if (!user_exists(sql, user)) throw CLI::ValidationError("--user", "用户不存在：" + user);
  }
}

}  // namespace zhixing::app::cli
