#include "jobs/document_delivery.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "jobs/document_issue.h"
#include "store/document_delivery_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;

long long write_out_deliveries(soci::session& sql, long long instance_id, const fs::path& out_dir,
                               long long max_documents) {
  // A few PDFs per transaction: each holds a few hundred KiB in memory, twice (hex and bytes).
  constexpr int kPerTransaction = 16;
  const std::string folder = fs::weakly_canonical(out_dir).string();
  long long written = 0;
  for (;;) {
    int limit = kPerTransaction;
    if (max_documents > 0) {
      if (written >= max_documents) break;
      limit = static_cast<int>(std::min<long long>(limit, max_documents - written));
    }
    soci::transaction tx(sql);
    std::vector<Delivery> batch = take_deliveries(sql, instance_id, limit);
    if (batch.empty()) break;  // the transaction rolls back: it changed nothing
    // Any failure below throws: the transaction rolls back and the deliveries stay.
    for (const Delivery& d : batch) {
      const std::string actual = sha256_hex(d.pdf);
      if (actual != d.document_sha256 || actual != d.sha256)
        throw std::runtime_error("delivery_mismatch: 文书 #" + std::to_string(d.document_id) +
                                 " 经数据库交付的内容与文书记录的 SHA-256 不符（记录 " +
                                 d.document_sha256 + "，收到 " + actual + "），未写出");
      const fs::path relative(d.path);
      if (relative.empty() || relative.is_absolute() ||
          relative.lexically_normal().string().starts_with(".."))
        throw std::runtime_error("delivery_mismatch: 文书 #" + std::to_string(d.document_id) +
                                 " 的路径不在输出目录内：" + d.path);
      write_atomically(out_dir / relative, d.pdf);
      record_delivery_folder(sql, d.document_id, folder);
      ++written;
    }
    tx.commit();
  }
  return written;
}

}  // namespace zhixing::jobs
