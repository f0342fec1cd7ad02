// A refusal or mismatch of `zhixing backup` / `zhixing restore`: a stable English code beside a
// Chinese message for the court's IT staff (backup_not_empty, restore_target_not_empty,
// backup_file_mismatch, document_hash_mismatch, ledger_head_mismatch, …).
#pragma once

#include <stdexcept>
#include <string>

namespace zhixing::backup {

class BackupError : public std::runtime_error {
 public:
  BackupError(std::string code, const std::string& message)
      : std::runtime_error(code + "：" + message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

}  // namespace zhixing::backup
