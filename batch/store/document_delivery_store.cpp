#include "store/document_delivery_store.h"

#include <cstdint>
#include <stdexcept>

#include "store/pg_raw.h"

namespace zhixing::inline store {

void insert_delivery(soci::session& sql, long long document_id, long long instance_id,
                     long long worker_id, const std::string& pdf, const std::string& sha256) {
  // libpq with the PDF as a binary parameter: no hex copy, and a failure's message never
  // carries the document (SOCI's would quote every bound value).
  if (pdf.empty() || pdf.size() > static_cast<std::size_t>(INT32_MAX))
    throw std::logic_error("insert_delivery: a PDF of " + std::to_string(pdf.size()) + " bytes");
  const std::string document = std::to_string(document_id), instance = std::to_string(instance_id),
                    worker = std::to_string(worker_id);
  const char* values[5] = {document.c_str(), instance.c_str(),
                           worker_id > 0 ? worker.c_str() : nullptr, sha256.c_str(), pdf.data()};
  const int lengths[5] = {0, 0, 0, 0, static_cast<int>(pdf.size())};
  const int formats[5] = {0, 0, 0, 0, 1};
  PGconn* conn = native_connection(sql);
  PgResult r(PQexecParams(conn,
                          "insert into document_deliveries (document_id, instance_id, worker_id,"
                          " sha256, pdf) values ($1::bigint, $2::bigint, $3::bigint, $4, $5::bytea)"
                          " on conflict (document_id) do nothing",
                          5, nullptr, values, lengths, formats, 0));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
    throw soci::soci_error(std::string("无法保存待交付的文书 #") + document + "：" +
                           PQresultErrorMessage(r.get()));
}

std::vector<Delivery> take_deliveries(soci::session& sql, long long instance_id, int limit) {
  std::vector<Delivery> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "with d as (delete from document_deliveries where document_id in"
                      " (select document_id from document_deliveries where instance_id = :i"
                      " order by document_id limit :n) returning document_id, pdf, sha256)"
                      " select d.document_id, encode(d.pdf, 'hex'), d.sha256, doc.sha256, doc.path"
                      " from d join documents doc on doc.id = d.document_id order by d.document_id",
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

void record_delivery_folder(soci::session& sql, long long document_id,
                            const std::string& output_dir) {
  std::string dir = output_dir;
  sql << "update documents set output_dir = :o where id = :d and output_dir = ''", soci::use(dir),
      soci::use(document_id);
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
