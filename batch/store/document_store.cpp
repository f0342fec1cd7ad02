#include "store/document_store.h"

#include "store/pg_array.h"

namespace zhixing::inline store {

std::optional<DocumentRow> latest_document(soci::session& sql, long long case_id,
                                           const std::string& kind, Date event_date, int position) {
  DocumentRow r;
  std::string date = event_date.iso(), k = kind;
  std::string event;
  sql << "select id, version, template_name, template_version, sha256, size_bytes, pages,"
         " output_dir, path, issued_by from documents where case_id = :c and kind = :k"
         " and event_date = cast(:d as date) and event_position = :p order by version desc limit 1",
      soci::use(case_id), soci::use(k), soci::use(date), soci::use(position), soci::into(r.id),
      soci::into(r.version), soci::into(r.template_name), soci::into(r.template_version),
      soci::into(r.sha256), soci::into(r.size_bytes), soci::into(r.pages), soci::into(r.output_dir),
      soci::into(r.path), soci::into(r.issued_by);
  if (!sql.got_data()) return std::nullopt;
  r.case_id = case_id;
  r.kind = kind;
  r.event_date = event_date;
  r.event_position = position;
  return r;
}

bool insert_document(soci::session& sql, DocumentRow& row) {
  std::string date = row.event_date.iso();
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "insert into documents (case_id, kind, event_date, event_position, version, template_name,"
         " template_version, sha256, size_bytes, pages, output_dir, path, issued_by) values (:c, "
         ":k,"
         " cast(:d as date), :p, :v, :tn, :tv, :s, :b, :pg, :o, :path, :u)"
         " on conflict (case_id, kind, event_date, event_position, version) do nothing returning "
         "id",
      soci::use(row.case_id), soci::use(row.kind), soci::use(date), soci::use(row.event_position),
      soci::use(row.version), soci::use(row.template_name), soci::use(row.template_version),
      soci::use(row.sha256), soci::use(row.size_bytes), soci::use(row.pages),
      soci::use(row.output_dir), soci::use(row.path), soci::use(row.issued_by), soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) return false;
  row.id = id;
  return true;
}

std::vector<IssuedEvent> issued_events(soci::session& sql, const std::vector<long long>& case_ids,
                                       const std::string& kind) {
  std::vector<IssuedEvent> out;
  std::string list = pg_bigint_array(case_ids);
  auto read = [&out](soci::rowset<soci::row>& rows) {
    for (const auto& r : rows)
      out.push_back(
          {r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<int>(3)});
  };
  if (kind.empty()) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select case_id, kind, to_char(event_date, 'YYYY-MM-DD'), event_position"
                        " from documents where case_id = any(cast(:ids as bigint[]))",
         soci::use(list));
    read(rows);
  } else {
    std::string k = kind;
    soci::rowset<soci::row> rows =
        (sql.prepare << "select case_id, kind, to_char(event_date, 'YYYY-MM-DD'), event_position"
                        " from documents where kind = :k and case_id = any(cast(:ids as bigint[]))",
         soci::use(k), soci::use(list));
    read(rows);
  }
  return out;
}

std::optional<IssuedDocument> find_document_by_sha256(soci::session& sql,
                                                      const std::string& sha256) {
  IssuedDocument d;
  std::string date, hash = sha256;
  soci::indicator fingerprint_ind = soci::i_null;
  sql << "select d.id, c.case_number, d.kind, to_char(d.event_date, 'YYYY-MM-DD'), d.version,"
         " coalesce(r.ordinal, 0), d.signer_fingerprint"
         " from documents d join cases c on c.id = d.case_id"
         " left join ruling_numbers r on r.case_id = d.case_id and r.kind = d.kind"
         "  and r.event_date = d.event_date and r.event_position = d.event_position"
         " where d.sha256 = :s order by d.id limit 1",
      soci::use(hash), soci::into(d.id), soci::into(d.case_number), soci::into(d.kind),
      soci::into(date), soci::into(d.version), soci::into(d.ruling_ordinal),
      soci::into(d.signer_fingerprint, fingerprint_ind);
  if (!sql.got_data()) return std::nullopt;
  if (fingerprint_ind != soci::i_ok) d.signer_fingerprint.clear();
  d.event_date = *Date::parse_iso(date);
  return d;
}

}  // namespace zhixing::inline store
