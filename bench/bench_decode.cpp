// capmig_bench: decode+verify throughput against a bare OpenSSL HMAC-SHA256 baseline.
//
//   capmig_bench TOKENS_FILE KEY [RUNS] [ONLY]
//
// ONLY (decode|report|hmac|hmacctx) times that one loop, for profiling, e.g.
//   perf record -g build-bench/capmig_bench bench/.data/tokens-200000.txt KEY 1 decode
//
// Reads one token per line and, single-threaded, times over the whole file (best of RUNS):
//   decode   capmig::decode_token with KEY as both auth token and API key secret
//   report   decode_token + decode_result_to_json + serialize (what `decode --format json` does per token)
//   hmac     OpenSSL one-shot HMAC() over each signing input (the token up to its last '.')
//   hmacctx  HMAC-SHA256 with one reused EVP_MAC_CTX (the floor: no per-call digest fetch)
// The loops take turns (decode, report, hmac, hmacctx, then the next round), so on a shared
// machine a busy or a quiet spell does not land on one side of a ratio only.
// Prints "RESULT <name> <tokens/s>" lines for bench/run.sh (best wall-clock run), "CPU <name>
// <tokens/s>" (best run by this thread's CPU time, which leaves out time spent descheduled),
// and how the tokens decoded, so a benchmark over tokens that failed to verify does not go
// unnoticed.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analyzer/report/token_json.h"
#include "analyzer/token/decode.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string g_only;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Loop {
  const char* name;
  std::function<std::size_t()> body;
  double best = 0, best_cpu = 0;
};

// Runs every selected loop once per round, RUNS rounds, and keeps each loop's best rates.
void run_rounds(std::vector<Loop>& loops, std::size_t n, int runs) {
  for (int r = 0; r < runs; ++r)
    for (auto& l : loops) {
      if (!g_only.empty() && g_only != l.name) continue;
      const double c0 = thread_cpu_s();
      const auto t0 = Clock::now();
      const std::size_t sink = l.body();
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      const double cpu = thread_cpu_s() - c0;
      const double rate = static_cast<double>(n) / s, cpu_rate = static_cast<double>(n) / cpu;
      std::fprintf(stderr, "  %-8s run %d: %.3f s, %.0f tokens/s (%.3f s CPU, %.0f tokens/s) (check %zu)\n", l.name,
                   r + 1, s, rate, cpu, cpu_rate, sink);
      if (rate > l.best) l.best = rate;
      if (cpu_rate > l.best_cpu) l.best_cpu = cpu_rate;
    }
  for (const auto& l : loops) {
    if (!g_only.empty() && g_only != l.name) continue;
    std::printf("RESULT %s %.0f\n", l.name, l.best);
    std::printf("CPU %s %.0f\n", l.name, l.best_cpu);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TOKENS_FILE KEY [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string key = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  if (argc > 4) g_only = argv[4];
  std::vector<std::string> tokens;
  {
    std::ifstream in(argv[1], std::ios::binary);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) tokens.push_back(std::move(line));
  }
  if (tokens.empty()) {
    std::fprintf(stderr, "no tokens in %s\n", argv[1]);
    return 2;
  }
  const std::size_t n = tokens.size();

  capmig::token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
  opt.keys.auth_token = key;
  opt.keys.api_key_secret = key;
  opt.now = 1700000000;

  // How the file decodes (untimed), by outcome.
  std::map<std::string, std::size_t> outcomes;
  for (const auto& t : tokens) {
    if (!g_only.empty()) break;
    const auto r = capmig::token::decode_token(t, opt);
    std::string k = r.error ? std::string("error:") + std::string(capmig::to_string(r.error->code))
                            : std::string(capmig::token::to_string(r.token->kind)) +
                                  (r.token->verified && *r.token->verified ? ":verified" : ":unverified");
    ++outcomes[k];
  }
  std::fprintf(stderr, "%zu tokens:", n);
  for (const auto& [k, c] : outcomes) std::fprintf(stderr, " %s=%zu", k.c_str(), c);
  std::fprintf(stderr, "\n");
  std::size_t verified = 0;
  for (const auto& [k, c] : outcomes)
    if (k.ends_with(":verified")) verified += c;
  std::printf("VERIFIED %zu %zu\n", verified, n);

  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
  if (!ctx || !EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params)) {
    std::fprintf(stderr, "EVP_MAC_init failed\n");
    return 1;
  }

  std::vector<Loop> loops;
  loops.push_back({"decode", [&] {
                     std::size_t ok = 0;
                     for (const auto& t : tokens) ok += capmig::token::decode_token(t, opt).ok();
                     return ok;
                   }});
  loops.push_back(
      {"report", [&] {
         std::size_t bytes = 0;
         for (const auto& t : tokens)
           bytes += boost::json::serialize(capmig::decode_result_to_json(capmig::token::decode_token(t, opt))).size();
         return bytes;
       }});
  loops.push_back({"hmac", [&] {
                     std::size_t sum = 0;
                     unsigned char out[EVP_MAX_MD_SIZE];
                     unsigned int len = 0;
                     for (const auto& t : tokens) {
                       const std::size_t dot = t.rfind('.');
                       HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                            reinterpret_cast<const unsigned char*>(t.data()), dot, out, &len);
                       sum += out[0];
                     }
                     return sum;
                   }});
  loops.push_back({"hmacctx", [&] {
                     std::size_t sum = 0;
                     unsigned char out[EVP_MAX_MD_SIZE];
                     std::size_t len = 0;
                     for (const auto& t : tokens) {
                       const std::size_t dot = t.rfind('.');
                       EVP_MAC_init(ctx, nullptr, 0, nullptr);  // same key: only resets the state
                       EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(t.data()), dot);
                       EVP_MAC_final(ctx, out, &len, sizeof out);
                       sum += out[0];
                     }
                     return sum;
                   }});
  run_rounds(loops, n, runs);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  return 0;
}
