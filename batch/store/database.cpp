#include "store/database.h"

#include <fcntl.h>
#include <soci/postgresql/soci-postgresql.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <stdexcept>

#include "core/court_registry.h"
#include "store/migrations.h"
#include "store/pg_raw.h"
#include "store/pg_server.h"

namespace zhixing::inline store {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string replace_dbname(const std::string& url, const std::string& name) {
  static const std::regex dbname(R"(dbname=\S+)");
  if (std::regex_search(url, dbname)) return std::regex_replace(url, dbname, "dbname=" + name);
  return url + " dbname=" + name;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || s.size() > 63) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

std::string with_password(const std::string& url, const std::optional<std::string>& password) {
  return password ? url + " password=" + *password : url;
}

// The private server's target as this account sees it: the runtime role's password when
// readable, the owner's only when `admin`.
DatabaseTarget private_target(const Settings& settings, bool admin) {
  DatabaseTarget t;
  t.name = settings.get("db.name", "zhixing");
  PgServer server(settings);
  auto runtime_password = server.read_password("zhixing_app");
  t.runtime_url = with_password(server.url(t.name, "zhixing_app"), runtime_password);
  if (admin) {
    auto owner_password = server.read_password("zhixing_owner");
    t.owner_url = with_password(server.url(t.name, "zhixing_owner"), owner_password);
    t.superuser_url = server.url("postgres", "postgres");
    t.owner_password = owner_password.value_or("");
    t.runtime_password = runtime_password.value_or("");
  }
  return t;
}

// The system cluster's target: peer authentication over its socket; pg_ident.conf (written by
// the package when it made the cluster) maps the zhixing account to zhixing_app and root to
// every role.
DatabaseTarget system_target(const Settings& settings, const SystemCluster& c) {
  DatabaseTarget t;
  t.system_cluster = true;
  t.name = settings.get("db.name", "zhixing");
  auto url = [&](const std::string& db, const std::string& user) {
    return "host=" + c.socket_dir + " port=" + std::to_string(c.port) + " dbname=" + db +
           " user=" + user;
  };
  t.runtime_url = url(t.name, "zhixing_app");
  t.owner_url = url(t.name, "zhixing_owner");
  t.superuser_url = url("postgres", "postgres");
  return t;
}

void require_running(const SystemCluster& c) {
  if (!c.running)
    throw std::runtime_error("系统数据库集群 " + c.version + "/" + c.name + "（端口 " +
                             std::to_string(c.port) + "）未运行：请运行 systemctl start postgresql@" +
                             c.version + "-" + c.name + "（或 pg_ctlcluster " + c.version + " " +
                             c.name + " start）");
}

// True when the runtime role can connect, every migration file is applied unchanged and the
// courts table holds the configured court list.
bool runtime_ready(const Settings& settings, const DatabaseTarget& t) {
  try {
    auto sql = connect(t.runtime_url);
    std::map<int, std::string> applied;
    soci::rowset<soci::row> rows =
        (sql->prepare << "select version, sha256 from schema_migrations");
    for (const auto& r : rows) applied[r.get<int>(0)] = r.get<std::string>(1);
    for (const auto& m : load_migrations(settings.migrations_dir())) {
      auto it = applied.find(m.version);
      if (it == applied.end() || it->second != m.sha256) return false;
    }
    std::map<std::string, std::pair<std::string, std::string>> courts;
    soci::rowset<soci::row> court_rows =
        (sql->prepare << "select code, name, president from courts");
    for (const auto& r : court_rows)
      courts[r.get<std::string>(0)] = {r.get<std::string>(1), r.get<std::string>(2)};
    const CourtRegistry configured = load_courts(settings);  // kept alive for the loop
    for (const auto& [code, court] : configured.all()) {
      auto it = courts.find(code);
      if (it == courts.end() || it->second != std::make_pair(court.name, court.president))
        return false;
    }
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// The administrator's set-up in a child process, so that this (runtime) process never reads
// the owner's password. A fork without exec: it also works inside the test binaries.
void run_admin_setup_in_child(const Settings& settings) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::cout.flush();
  std::cerr.flush();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    int rc = 0;
    std::string message;
    try {
      ensure_database_as_admin(settings);
    } catch (const std::exception& e) {
      message = e.what();
      rc = 1;
    }
    if (!message.empty()) {
      ssize_t written = write(fds[1], message.data(), message.size());
      (void)written;
    }
    _exit(rc);
  }
  close(fds[1]);
  std::string message;
  std::array<char, 4096> buf;
  ssize_t n;
  while ((n = read(fds[0], buf.data(), buf.size())) > 0) message.append(buf.data(), n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(
        "数据库尚未就绪（服务器未运行、表结构或法院名册需要更新），本账户无法以管理员身份完成准备"
        "：" +
        message + "；请由管理员（root 或数据库目录的所有者）运行 zhixing db start");
}

}  // namespace

std::optional<SystemCluster> system_cluster(const Settings& settings) {
  const std::string spec = settings.get("db.cluster", "");
  if (spec.empty()) return std::nullopt;
  static const std::regex form(R"(([0-9]+)/([a-z0-9_-]+))");
  std::smatch m;
  if (!std::regex_match(spec, m, form))
    throw std::runtime_error("配置项 db.cluster 应为“版本/名称”（如 15/zhixing）：" + spec);
  SystemCluster c;
  c.version = m[1];
  c.name = m[2];
  c.socket_dir = settings.get("db.socket_dir", "/var/run/postgresql");
  const fs::path conf = fs::path(settings.get("db.cluster_conf_dir", "/etc/postgresql")) /
                        c.version / c.name / "postgresql.conf";
  std::ifstream in(conf);
  if (!in)
    throw std::runtime_error("找不到系统数据库集群 " + spec + " 的配置 " + conf.string() +
                             "：请运行 pg_createcluster " + c.version + " " + c.name +
                             "（软件包安装时会建立）");
  static const std::regex port_line(R"(^\s*port\s*=\s*([0-9]+))");
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, m, port_line)) c.port = std::stoi(m[1]);
  if (c.port == 0) c.port = 5432;
  c.running = fs::exists(fs::path(c.socket_dir) / (".s.PGSQL." + std::to_string(c.port)));
  return c;
}

DatabaseTarget database_target(const Settings& settings) {
  DatabaseTarget t;
  t.name = settings.get("db.name", "zhixing");
  std::string url = env("ZHIXING_DATABASE_URL");
  if (!url.empty()) {
    t.external = true;
    t.runtime_url = url;
    std::string owner = env("ZHIXING_DATABASE_OWNER_URL");
    t.owner_url = owner.empty() ? url : owner;
    return t;
  }
  if (auto c = system_cluster(settings)) return system_target(settings, *c);
  return private_target(settings, true);
}

DatabaseTarget with_database_name(const DatabaseTarget& t, const std::string& name) {
  DatabaseTarget out = t;
  out.name = name;
  out.runtime_url = replace_dbname(t.runtime_url, name);
  out.owner_url = replace_dbname(t.owner_url, name);
  return out;
}

std::unique_ptr<soci::session> connect(const std::string& url) {
  try {
    auto s = std::make_unique<soci::session>(soci::postgresql, url);
    return s;
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("无法连接数据库：") + e.what());
  }
}

void create_database_if_missing(const DatabaseTarget& t) {
  if (t.superuser_url.empty()) return;  // an existing server: its administrator made them
  if (!is_identifier(t.name)) throw std::runtime_error("数据库名不合法：" + t.name);
  // The private server's roles log in with the passwords of its secrets files (hex digits only,
  // so quoting is safe; an earlier version's cluster had none); the system cluster's have none
  // (peer authentication).
  std::string owner_password, runtime_password;
  if (!t.system_cluster) {
    auto is_password = [](const std::string& p) {
      return !p.empty() && p.find_first_not_of("0123456789abcdef") == std::string::npos;
    };
    if (!is_password(t.owner_password) || !is_password(t.runtime_password))
      throw std::runtime_error("缺少数据库口令文件（应由 zhixing db start 生成）");
    owner_password = " password '" + t.owner_password + "'";
    runtime_password = " password '" + t.runtime_password + "'";
  }
  auto su = connect(t.superuser_url);
  // Roles are cluster-wide; take a lock so that parallel first starts do not race.
  *su << "select pg_advisory_lock(7320000)";
  *su << "do $$ begin"
         " if not exists (select from pg_roles where rolname = 'zhixing_owner') then"
         "   create role zhixing_owner login; end if;"
         " if not exists (select from pg_roles where rolname = 'zhixing_app') then"
         "   create role zhixing_app login nosuperuser nocreatedb nocreaterole noinherit; end if;"
         " if not exists (select from pg_roles where rolname = 'zhixing_worker') then"
         "   create role zhixing_worker login nosuperuser nocreatedb nocreaterole noinherit;"
         " end if;"
         " end $$";
  // No role may create roles or databases or bypass row security.
  *su << "alter role zhixing_owner login nosuperuser nocreaterole nocreatedb nobypassrls" +
             owner_password;
  *su << "alter role zhixing_app login nosuperuser nocreaterole nocreatedb nobypassrls" +
             runtime_password;
  // The remote workers' role (migration 026) has no password here: its password is the
  // administrator's (zhixing db worker-password), admitted only by a hostssl line they add to a
  // system cluster (README "Remote workers"); the private server admits it nowhere.
  *su << "alter role zhixing_worker nosuperuser nocreaterole nocreatedb nobypassrls";
  int n = 0;
  *su << "select count(*) from pg_database where datname = :n", soci::use(t.name), soci::into(n);
  if (n == 0) *su << "create database " + t.name + " owner zhixing_owner";
  *su << "select pg_advisory_unlock(7320000)";
}

DatabaseTarget ensure_database_as_admin(const Settings& settings) {
  if (auto c = system_cluster(settings); c && env("ZHIXING_DATABASE_URL").empty())
    require_running(*c);
  else if (!database_target(settings).external)
    PgServer(settings).start();
  DatabaseTarget t = database_target(settings);  // after start: the password files exist
  if (!t.external) create_database_if_missing(t);
  auto owner = connect(t.owner_url);
  migrate(*owner, load_migrations(settings.migrations_dir()));
  sync_courts(*owner, load_courts(settings));
  return t;
}

DatabaseTarget ensure_database(const Settings& settings) {
  if (!env("ZHIXING_DATABASE_URL").empty()) {
    DatabaseTarget t = database_target(settings);
    // An existing server: the connection strings come from the environment. When the schema
    // and the court list are current, nothing is written (a remote worker's role may only
    // read them); otherwise the owner's connection migrates.
    if (runtime_ready(settings, t)) return t;
    auto owner = connect(t.owner_url);
    try {
      migrate(*owner, load_migrations(settings.migrations_dir()));
      sync_courts(*owner, load_courts(settings));
    } catch (const std::exception& e) {
      throw std::runtime_error(
          std::string("数据库表结构或法院名册不是最新，本连接无法更新（schema_outdated）：") +
          e.what() + "；请由管理员以 ZHIXING_DATABASE_OWNER_URL 运行 zhixing db migrate");
    }
    return t;
  }
  if (auto c = system_cluster(settings)) {
    DatabaseTarget t = system_target(settings, *c);
    require_running(*c);
    if (!runtime_ready(settings, t)) {
      if (!PgServer::running_as_root())
        throw std::runtime_error(
            "数据库尚未就绪（角色、数据库、表结构或法院名册需要更新）：请由 root 运行 zhixing db "
            "migrate");
      ensure_database_as_admin(settings);
    }
    t.owner_url.clear();
    t.superuser_url.clear();
    return t;
  }
  DatabaseTarget t = private_target(settings, false);
  if (!PgServer(settings).running() || !runtime_ready(settings, t)) {
    run_admin_setup_in_child(settings);
    t = private_target(settings, false);
  }
  return t;
}

RolePassword new_worker_password(soci::session& sql) {
  std::ifstream random("/dev/urandom", std::ios::binary);
  std::string raw(24, '\0');
  if (!random.read(raw.data(), static_cast<std::streamsize>(raw.size())))
    throw std::runtime_error("无法读取 /dev/urandom");
  RolePassword out;
  static const char* digits = "0123456789abcdef";
  for (unsigned char c : raw) {
    out.password += digits[c >> 4];
    out.password += digits[c & 15];
  }
  PGconn* conn = native_connection(sql);
  char* verifier =
      PQencryptPasswordConn(conn, out.password.c_str(), "zhixing_worker", "scram-sha-256");
  if (!verifier)
    throw std::runtime_error(std::string("无法计算 SCRAM-SHA-256 校验值：") + PQerrorMessage(conn));
  // The verifier is base64, digits, '$', ':' and '=': nothing to quote.
  out.statement = std::string("ALTER ROLE zhixing_worker WITH LOGIN PASSWORD '") + verifier + "';";
  PQfreemem(verifier);
  return out;
}

CourtRegistry load_courts(const Settings& settings) {
  return CourtRegistry::load_csv(settings.data_path("court.list", "config/courts.csv").string());
}

void sync_courts(soci::session& sql, const CourtRegistry& courts) {
  soci::transaction tx(sql);
  for (const auto& [code, court] : courts.all()) {
    std::string c = court.code, n = court.name, p = court.president;
    sql << "insert into courts (code, name, president) values (:c, :n, :p)"
           " on conflict (code) do update set name = excluded.name, president = excluded.president"
           " where courts.name is distinct from excluded.name"
           " or courts.president is distinct from excluded.president",
        soci::use(c), soci::use(n), soci::use(p);
  }
  tx.commit();
}

}  // namespace zhixing::inline store
