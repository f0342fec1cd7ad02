// How long one C_Sign (CKM_SHA256_RSA_PKCS) takes in the configured token (seal.*), on one
// thread and on several: through the token's session pool (each thread its own session) and
// serialised through one mutex, to show which the batch should use.
//   token_sign_bench [--label court-seal] [--generate] [--bytes 51200] [--count 200] [--threads 2]
// --generate makes an RSA-3072 key pair with that label first when the token has none (use a
// scratch label, never on a court's device).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/settings.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_settings.h"

using namespace zhixing;
using Clock = std::chrono::steady_clock;

namespace {

struct Timing {
  double wall_ms;  // wall clock per signature
  double cpu_ms;   // process CPU time per signature
};

Timing run(seal::Pkcs11Token& token, const std::string& label, const std::string& data, int count,
           int threads, std::mutex* serialise) {
  auto start = Clock::now();
  std::clock_t cpu_start = std::clock();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i = 0; i < count; ++i) {
        if (serialise) {
          std::lock_guard lock(*serialise);
          token.sign_sha256_rsa(label, data);
        } else {
          token.sign_sha256_rsa(label, data);
        }
      }
    });
  for (auto& th : pool) th.join();
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  double cpu = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  return {ms / (count * threads), cpu / (count * threads)};
}

}  // namespace

int main(int argc, char** argv) {
  seal::SealSettings settings = seal::SealSettings::from(Settings::load());
  std::string label = settings.key_label;
  bool generate = false;
  std::size_t bytes = 50 * 1024;
  int count = 200, threads = 2;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--label")
      label = next();
    else if (a == "--generate")
      generate = true;
    else if (a == "--bytes")
      bytes = std::stoul(next());
    else if (a == "--count")
      count = std::stoi(next());
    else if (a == "--threads")
      threads = std::stoi(next());
  }
  try {
    auto token = seal::Pkcs11Token::open(settings);
    if (!token->public_key(label)) {
      if (!generate) {
        std::fprintf(stderr, "令牌中没有密钥 %s（zhixing seal init，或 --generate）\n",
                     label.c_str());
        return 1;
      }
      token->generate_rsa_key(label, 3072);
    }
    std::string data(bytes, '\0');
    for (std::size_t i = 0; i < bytes; ++i) data[i] = static_cast<char>(i * 131 % 251);
    token->sign_sha256_rsa(label, data);  // warm up: key handle, first session
    std::mutex serialise;
    std::printf("%s\n", token->description().c_str());
    std::printf("C_Sign CKM_SHA256_RSA_PKCS, %zu-byte input, key %s, %d signatures per thread\n",
                bytes, label.c_str(), count);
    Timing one = run(*token, label, data, count, 1, nullptr);
    Timing pooled = run(*token, label, data, count, threads, nullptr);
    Timing locked = run(*token, label, data, count, threads, &serialise);
    std::printf("per signature:                    wall clock   CPU\n");
    std::printf("1 thread:                         %6.2f ms  %6.2f ms\n", one.wall_ms, one.cpu_ms);
    std::printf("%d threads, a session each:        %6.2f ms  %6.2f ms\n", threads, pooled.wall_ms,
                pooled.cpu_ms);
    std::printf("%d threads, serialised by a mutex: %6.2f ms  %6.2f ms\n", threads, locked.wall_ms,
                locked.cpu_ms);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "错误：%s\n", e.what());
    return 1;
  }
}
