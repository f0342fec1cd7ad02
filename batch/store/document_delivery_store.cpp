#include "store/document_delivery_store.h"

#include "core/sha256.h"

namespace zhixing::inline store {

void insert_delivery(soci::session& sql, long long document_id, long long instance_id,
                     long long worker_id, const std::string& pdf, const std::string& sha256) {
  // bytea through hex: a std::string bound as text stops at the first NUL.
  const std::string hex = hex_lower(pdf);
  std::string digest = sha256;
  soci::indicator worker = worker_id > 0 ? soci::i_ok : soci::i_null;
  sql << "insert into document_deliveries (document_id, instance_id, worker_id, sha256, pdf)"
         " values (:d, :i, :w, :s, decode(:pdf, 'hex')) on conflict (document_id) do nothing",
      soci::use(document_id), soci::use(instance_id), soci::use(worker_id, worker),
      soci::use(digest), soci::use(hex);
}

std::vector<Delivery> lock_deliveries(soci::session& sql, long long instance_id, int limit) {
  std::vector<Delivery> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select d.document_id, encode(d.pdf, 'hex'), d.sha256, doc.sha256, doc.path"
                      " from document_deliveries d join documents doc on doc.id = d.document_id"
                      " where d.instance_id = :i order by d.document_id limit :n"
                      " for update of d skip locked",
       soci::use(instance_id), soci::use(limit));
  for (const auto& r : rows) {
    Delivery d;
    d.document_id = r.get<long long>(0);
    const std::string hex = r.get<std::string>(1);
    d.pdf.reserve(hex.size() / 2);
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      d.pdf.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    d.sha256 = r.get<std::string>(2);
    d.document_sha256 = r.get<std::string>(3);
    d.path = r.get<std::string>(4);
    out.push_back(std::move(d));
  }
  return out;
}

void finish_delivery(soci::session& sql, long long document_id, const std::string& output_dir) {
  std::string dir = output_dir;
  sql << "update documents set output_dir = :o where id = :d and output_dir = ''", soci::use(dir),
      soci::use(document_id);
  sql << "delete from document_deliveries where document_id = :d", soci::use(document_id);
}

long long count_deliveries(soci::session& sql, long long instance_id) {
  long long n = 0;
  sql << "select count(*) from document_deliveries where instance_id = :i", soci::use(instance_id),
      soci::into(n);
  return n;
}

std::string current_role(soci::session& sql) {
  std::string role;
  sql << "select current_user", soci::into(role);
  return role;
}

}  // namespace zhixing::inline store
