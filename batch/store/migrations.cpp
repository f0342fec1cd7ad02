#include "store/migrations.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/sha256.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {
namespace fs = std::filesystem;

std::vector<Migration> load_migrations(const fs::path& dir) {
  std::vector<Migration> out;
  if (!fs::is_directory(dir)) throw std::runtime_error("找不到数据库迁移目录 " + dir.string());
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".sql") continue;
    size_t us = file.find('_');
    if (us == std::string::npos || us == 0 ||
        !std::all_of(file.begin(), file.begin() + us, ::isdigit))
      throw std::runtime_error("迁移文件名应为 NNN_name.sql：" + file);
    Migration m;
    m.version = std::stoi(file.substr(0, us));
    m.name = file.substr(0, file.size() - 4);
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    m.sql = ss.str();
    m.sha256 = sha256_hex(m.sql);
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i)
    if (out[i].version == out[i - 1].version)
      throw std::runtime_error("迁移版本号重复：" + out[i].name);
  return out;
}

std::vector<std::string> migrate(soci::session& sql, const std::vector<Migration>& migrations) {
  std::vector<std::string> applied;
  soci::transaction lock_tx(sql);
  // Serialise concurrent migrators (two nightly runs starting together).
  sql << "set local client_min_messages = warning";
  sql << "select pg_advisory_xact_lock(7320001)";
  sql << "create table if not exists schema_migrations ("
         " version integer primary key, name text not null, sha256 text not null,"
         " applied_at timestamptz not null default now())";
  std::map<int, std::pair<std::string, std::string>> done;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select version, name, sha256 from schema_migrations");
  for (const auto& r : rows) done[r.get<int>(0)] = {r.get<std::string>(1), r.get<std::string>(2)};
  for (const auto& m : migrations) {
    auto it = done.find(m.version);
    if (it != done.end()) {
      if (it->second.second != m.sha256)
        throw std::runtime_error("已执行的迁移 " + m.name +
                                 " 的内容被修改过（迁移只能追加，不能修改）");
      continue;
    }
    exec_script(sql, m.sql);
    sql << "insert into schema_migrations(version, name, sha256) values(:v, :n, :s)",
        soci::use(m.version), soci::use(m.name), soci::use(m.sha256);
    applied.push_back(m.name);
  }
  lock_tx.commit();
  return applied;
}

}  // namespace zhixing::inline store
