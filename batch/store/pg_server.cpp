#include "store/pg_server.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/sha256.h"
#include "store/run_program.h"

namespace zhixing::inline store {
namespace fs = std::filesystem;

namespace {

std::string short_hash(const std::string& text) { return sha256_hex(text).substr(0, 10); }

std::string tail_of(const fs::path& file, size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_bytes ? s.substr(s.size() - max_bytes) : s;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `content` when the file holds something else; returns whether it changed.
bool write_if_changed(const fs::path& file, const std::string& content, uid_t uid, gid_t gid) {
  if (fs::exists(file) && read_file(file) == content) return false;
  fs::path tmp = file;
  tmp += ".zhixing-tmp." + std::to_string(getpid());  // concurrent starts each write their own
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("无法写入 " + tmp.string());
  }
  if (chmod(tmp.c_str(), 0600) != 0 || chown(tmp.c_str(), uid, gid) != 0)
    throw std::runtime_error("无法设置 " + tmp.string() + " 的权限");
  fs::rename(tmp, file);
  return true;
}

void set_mode(const fs::path& dir, mode_t mode) {
  if (chmod(dir.c_str(), mode) != 0)
    throw std::runtime_error("无法设置 " + dir.string() + " 的权限");
}

std::string random_hex(size_t bytes) {
  std::ifstream in("/dev/urandom", std::ios::binary);
  std::string raw(bytes, '\0');
  if (!in.read(raw.data(), static_cast<std::streamsize>(bytes)))
    throw std::runtime_error("无法读取 /dev/urandom");
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string account_name(uid_t uid) {
  if (const passwd* pw = getpwuid(uid)) return pw->pw_name;
  throw std::runtime_error("无法确定当前系统用户（uid " + std::to_string(uid) + "）");
}

}  // namespace

bool PgServer::running_as_root() { return geteuid() == 0; }

PgServer::PgServer(const Settings& settings) {
  pg_bin_ = settings.get("db.pg_bin", "/usr/lib/postgresql/15/bin");
  port_ = settings.get_int("db.port", 55433);
  system_user_ = settings.get("db.system_user", "postgres");
  server_options_ = settings.get("db.server_options", "");
  if (running_as_root()) {
    // One cluster per checkout: the folder name carries a hash of the project path.
    fs::path root_dir = settings.get("db.root_dir", "/var/tmp/zhixing");
    base_dir_ = root_dir / short_hash(fs::weakly_canonical(settings.state_root()).string());
  } else {
    base_dir_ = settings.path("db.data_dir", "var/pg");
  }
  data_dir_ = base_dir_ / "data";
  socket_dir_ = base_dir_ / "run";
  log_file_ = base_dir_ / "server.log";
  if ((socket_dir_ / (".s.PGSQL." + std::to_string(port_))).string().size() >= 100)
    throw std::runtime_error("数据库套接字路径过长（须少于 100 字节）：" + socket_dir_.string() +
                             "；请设置 db.root_dir 或 db.data_dir 为较短的路径");
}

std::pair<uid_t, gid_t> PgServer::server_account() const {
  if (!running_as_root()) return {geteuid(), getegid()};
  struct passwd* pw = getpwnam(system_user_.c_str());
  if (!pw)
    throw std::runtime_error("系统用户 " + system_user_ +
                             " 不存在（postgresql-15 软件包会创建它）");
  return {pw->pw_uid, pw->pw_gid};
}

fs::path PgServer::password_file(const std::string& role) const {
  return secrets_dir() / (role + ".pass");
}

std::optional<std::string> PgServer::read_password(const std::string& role) const {
  std::ifstream in(password_file(role), std::ios::binary);
  if (!in) return std::nullopt;
  std::string line;
  std::getline(in, line);
  if (line.empty()) return std::nullopt;
  return line;
}

std::string PgServer::ensure_password(const std::string& role) const {
  if (auto p = read_password(role)) return *p;
  fs::create_directories(secrets_dir());
  set_mode(secrets_dir(), 0700);
  const fs::path file = password_file(role);
  fs::path tmp = file;
  tmp += "." + std::to_string(getpid()) + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("无法创建口令文件 " + tmp.string());
  std::string content = random_hex(24) + "\n";
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  // link() fails when another start made the file first: then both use that one.
  if (ok && ::link(tmp.c_str(), file.c_str()) != 0 && errno != EEXIST) ok = false;
  ::unlink(tmp.c_str());
  auto p = read_password(role);
  if (!ok || !p) throw std::runtime_error("无法写入口令文件 " + file.string());
  return *p;
}

bool PgServer::secure_cluster() const {
  const auto [uid, gid] = server_account();
  // The server's folders: nobody else may list them or reach the socket. (Under root the
  // cluster folder must stay passable, 0711, for the server account that lives below it.)
  set_mode(base_dir_, running_as_root() ? 0711 : 0700);
  set_mode(socket_dir_, 0700);
  fs::create_directories(secrets_dir());
  set_mode(secrets_dir(), 0700);
  const std::string admin = account_name(geteuid());
  std::string hba =
      "# Written by `zhixing db start` on every start (batch/store/pg_server.cpp): do not edit.\n"
      "# Unix socket only (listen_addresses is empty). The superuser postgres: only the OS\n"
      "# accounts mapped in pg_ident.conf (peer); the application roles: SCRAM passwords from\n"
      "# the cluster's secrets/ folder. Every other role or account is refused.\n"
      "# TYPE  DATABASE  USER           METHOD\n"
      "local   all       postgres       peer map=zhixing_admin\n"
      "local   all       zhixing_owner  scram-sha-256\n"
      "local   all       zhixing_app    scram-sha-256\n";
  std::string ident =
      "# Written by `zhixing db start`: the OS accounts that may connect as postgres.\n"
      "# MAPNAME      SYSTEM-USERNAME  PG-USERNAME\n"
      "zhixing_admin " +
      admin + " postgres\n";
  if (running_as_root() && system_user_ != admin)
    ident += "zhixing_admin " + system_user_ + " postgres\n";
  bool changed = write_if_changed(data_dir_ / "pg_hba.conf", hba, uid, gid);
  changed = write_if_changed(data_dir_ / "pg_ident.conf", ident, uid, gid) || changed;
  return changed;
}

std::string PgServer::url(const std::string& db, const std::string& user) const {
  return "host=" + socket_dir_.string() + " port=" + std::to_string(port_) + " dbname=" + db +
         " user=" + user;
}

int PgServer::run(const std::vector<std::string>& args, bool as_server_user,
                  std::string* output) const {
  std::vector<std::string> argv;
  if (as_server_user && running_as_root()) {
    argv = {"/usr/sbin/runuser", "-u", system_user_, "--"};
  }
  argv.insert(argv.end(), args.begin(), args.end());
  ProgramResult r = run_program(argv);
  if (output) *output = std::move(r.output);
  return r.exit_code;
}

bool PgServer::initialized() const { return fs::exists(data_dir_ / "PG_VERSION"); }

bool PgServer::running() const {
  if (!initialized()) return false;
  std::string out;
  return run({(pg_bin_ / "pg_ctl").string(), "status", "-D", data_dir_.string()}, true, &out) == 0;
}

void PgServer::start() {
  if (!fs::exists(pg_bin_ / "pg_ctl"))
    throw std::runtime_error("未找到 PostgreSQL 15（" + pg_bin_.string() +
                             "）：请先运行 scripts/setup.sh 安装依赖");
  fs::create_directories(base_dir_);
  fs::create_directories(socket_dir_);
  if (running_as_root()) {
    const auto [uid, gid] = server_account();
    // The server user must be able to enter the folders above its cluster.
    chmod(base_dir_.parent_path().c_str(), 0755);
    fs::create_directories(base_dir_ / "secrets");  // root's own (0700), below the server's folder
    if (chown(base_dir_.c_str(), uid, gid) != 0 || chown(socket_dir_.c_str(), uid, gid) != 0)
      throw std::runtime_error("无法把 " + base_dir_.string() + " 交给用户 " + system_user_);
  }
  std::string out;
  if (!initialized()) {
    // pg_hba.conf is replaced right below, before the first start.
    int rc = run({(pg_bin_ / "initdb").string(), "-D", data_dir_.string(), "-U", "postgres", "-A",
                  "peer", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"},
                 true, &out);
    if (rc != 0) throw std::runtime_error("initdb 失败：" + out);
  }
  const bool auth_changed = secure_cluster();
  ensure_password("zhixing_owner");
  ensure_password("zhixing_app");
  if (running()) {
    if (auth_changed) {
      int rc = run({(pg_bin_ / "pg_ctl").string(), "reload", "-D", data_dir_.string()}, true, &out);
      if (rc != 0) throw std::runtime_error("数据库重新加载认证配置失败：" + out);
    }
    return;
  }
  std::string options = "-p " + std::to_string(port_) + " -k " + socket_dir_.string() +
                        " -c listen_addresses= -c unix_socket_permissions=0700 " + server_options_;
  int rc = run({(pg_bin_ / "pg_ctl").string(), "-D", data_dir_.string(), "-l", log_file_.string(),
                "-w", "-t", "60", "-o", options, "start"},
               true, &out);
  if (rc != 0) throw std::runtime_error("数据库启动失败：" + out + "\n" + tail_of(log_file_, 2000));
}

void PgServer::stop() {
  if (!running()) return;
  std::string out;
  int rc =
      run({(pg_bin_ / "pg_ctl").string(), "-D", data_dir_.string(), "-m", "fast", "-w", "stop"},
          true, &out);
  if (rc != 0) throw std::runtime_error("数据库停止失败：" + out);
}

std::string PgServer::status_text() const {
  std::ostringstream s;
  s << "数据目录: " << data_dir_.string() << "\n"
    << "套接字:   " << socket_dir_.string() << " 端口 " << port_ << "\n"
    << "状态:     "
    << (!initialized() ? "未初始化"
        : running()    ? "运行中"
                       : "已停止")
    << "\n";
  return s.str();
}

}  // namespace zhixing::inline store
