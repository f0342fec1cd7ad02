#include "store/pg_server.h"

#include <Poco/SHA2Engine.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace zhixing {
namespace fs = std::filesystem;

namespace {

std::string short_hash(const std::string& text) {
  Poco::SHA2Engine sha;
  sha.update(text);
  return Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 10);
}

std::string tail_of(const fs::path& file, size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_bytes ? s.substr(s.size() - max_bytes) : s;
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
    base_dir_ = root_dir / short_hash(fs::weakly_canonical(settings.root()).string());
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
  int pipefd[2];
  if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(pipefd[1], 1);
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    close(pipefd[1]);
    // The server must not inherit our stdin, nor keep a caller's pipes open forever.
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  close(pipefd[1]);
  std::string out;
  std::array<char, 4096> buf;
  ssize_t n;
  while ((n = read(pipefd[0], buf.data(), buf.size())) > 0) out.append(buf.data(), n);
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
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
    struct passwd* pw = getpwnam(system_user_.c_str());
    if (!pw) throw std::runtime_error("系统用户 " + system_user_ + " 不存在（postgresql-15 软件包会创建它）");
    // The server user must be able to enter the folders above its cluster.
    chmod(base_dir_.parent_path().c_str(), 0755);
    if (chown(base_dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0 ||
        chown(socket_dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      throw std::runtime_error("无法把 " + base_dir_.string() + " 交给用户 " + system_user_);
  }
  std::string out;
  if (!initialized()) {
    int rc = run({(pg_bin_ / "initdb").string(), "-D", data_dir_.string(), "-U", "postgres", "-A",
                  "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"},
                 true, &out);
    if (rc != 0) throw std::runtime_error("initdb 失败：" + out);
  }
  if (running()) return;
  std::string options = "-p " + std::to_string(port_) + " -k " + socket_dir_.string() +
                        " -c listen_addresses= " + server_options_;
  int rc = run({(pg_bin_ / "pg_ctl").string(), "-D", data_dir_.string(), "-l", log_file_.string(),
                "-w", "-t", "60", "-o", options, "start"},
               true, &out);
  if (rc != 0)
    throw std::runtime_error("数据库启动失败：" + out + "\n" + tail_of(log_file_, 2000));
}

void PgServer::stop() {
  if (!running()) return;
  std::string out;
  int rc = run({(pg_bin_ / "pg_ctl").string(), "-D", data_dir_.string(), "-m", "fast", "-w",
                "stop"},
               true, &out);
  if (rc != 0) throw std::runtime_error("数据库停止失败：" + out);
}

std::string PgServer::status_text() const {
  std::ostringstream s;
  s << "数据目录: " << data_dir_.string() << "\n"
    << "套接字:   " << socket_dir_.string() << " 端口 " << port_ << "\n"
    << "状态:     " << (!initialized() ? "未初始化" : running() ? "运行中" : "已停止") << "\n";
  return s.str();
}

}  // namespace zhixing
