// Streaming token input: the reader (chunk boundaries, over-long lines, NULs, gzip, truncated
// gzip), the ordered parallel pipeline, and the log audit's aggregation.
#include <unistd.h>
#include <zlib.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "analyzer/core/ordered_pipeline.h"
#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/report/audit_report.h"
#include "analyzer/report/terminal_safe.h"
#include "analyzer/token/audit.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/token_reader.h"

using namespace capmig;
using namespace std::string_literals;

namespace {

const std::string kKey = "0123456789abcdef0123456789abcdef";

// An HS256 capability token for `client`/`app` under `account`, signed with kKey.
std::string capability_token(const std::string& client, const std::string& app, const std::string& account, long exp,
                             const std::string& key = kKey) {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  std::string scope = "scope:client:incoming?clientName=" + client;
  if (!app.empty()) scope += " scope:client:outgoing?appSid=" + app + "&clientName=" + client;
  const std::string payload =
      R"({"scope":")" + scope + R"(","iss":")" + account + R"(","exp":)" + std::to_string(exp) + "}";
  const std::string input = jwt::base64url_encode(header) + "." + jwt::base64url_encode(payload);
  return input + "." + jwt::base64url_encode(jwt::hmac(jwt::HmacAlg::HS256, key, input));
}

std::string access_token(const std::string& identity, const std::string& account, long exp) {
  const std::string header = R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"})";
  const std::string payload =
      R"({"jti":"SK0123456789abcdef0123456789abcdef-1","grants":{"identity":")" + identity +
      R"(","voice":{"incoming":{"allow":true}}},"iss":"SK0123456789abcdef0123456789abcdef","sub":")" + account +
      R"(","exp":)" + std::to_string(exp) + "}";
  const std::string input = jwt::base64url_encode(header) + "." + jwt::base64url_encode(payload);
  return input + "." + jwt::base64url_encode(jwt::hmac(jwt::HmacAlg::HS256, kKey, input));
}

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& content, bool gzip = false, std::size_t keep = std::string::npos) {
    char tmpl[] = "/tmp/capmig-stream-XXXXXX";
    const int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    path = tmpl;
    std::string bytes = content;
    if (gzip) {
      gzFile g = gzopen(path.c_str(), "wb");
      gzwrite(g, content.data(), static_cast<unsigned>(content.size()));
      gzclose(g);
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    if (keep != std::string::npos) bytes.resize(std::min(keep, bytes.size()));
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

struct Read {
  std::vector<std::string> tokens, names;
  std::vector<std::uint64_t> too_large;
  std::vector<std::string> errors;
  std::size_t batches = 0;
  bool several = false;
};

Read read_all(std::vector<std::string> inputs, token::TokenReaderOptions opt) {
  token::TokenReader reader(std::move(inputs), opt);
  Read out;
  token::TokenBatch b;
  while (reader.next(b)) {
    if (out.batches++ == 0) out.several = b.several;
    for (const auto& e : b.errors) out.errors.push_back(reader.names()[e.input] + ": " + e.message);
    for (const auto& r : b.tokens) {
      out.tokens.emplace_back(b.token(r));
      std::string n;
      reader.append_name(n, r);
      out.names.push_back(n);
      out.too_large.push_back(r.too_large);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the reader finds every JWT across chunk boundaries, with its line", "[stream]") {
  std::string log;
  std::vector<std::string> want;
  std::mt19937 rng(13);
  for (int i = 0; i < 300; ++i) {
    log += "2024-01-01 GET /token?id=" + std::to_string(i) + " " + std::string(rng() % 200, 'x') + "\n";
    if (i % 3 == 0) {
      want.push_back(capability_token("c" + std::to_string(i), "", "AC0123456789abcdef0123456789abcdef", 1900000000));
      log += "token=" + want.back() + "&next\n";
    }
  }
  TempFile f(log);
  // Small chunks put boundaries inside tokens, inside "eyJ" and between a token and its end.
  for (std::size_t chunk : {64u, 97u, 500u, 4096u, 1u << 20}) {
    token::TokenReaderOptions opt;
    opt.extract = true;
    opt.chunk_bytes = chunk;
    opt.batch_tokens = 7;
    const Read r = read_all({f.path}, opt);
    INFO("chunk " << chunk);
    REQUIRE(r.tokens == want);
    // The line of each token: count the newlines before it in the text.
    std::size_t from = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      const std::size_t at = log.find(want[i], from);
      const auto line = 1 + std::count(log.begin(), log.begin() + static_cast<long>(at), '\n');
      CHECK(r.names[i] == f.path + ":" + std::to_string(line));
      from = at + 1;
    }
    CHECK(r.several);
    CHECK(r.errors.empty());
  }
}

TEST_CASE("one token per line: CRLF, blank lines, NULs, and an over-long line skipped unread", "[stream]") {
  const std::string t1 = capability_token("alice", "AP1", "AC1", 1900000000),
                    t2 = access_token("bob", "AC1", 1900000000);
  std::string text =
      t1 + "\r\n\n" + std::string(3 * kMaxTokenBytes + 5, 'A') + "\n" + std::string(10, '\0') + "\n" + t2;
  TempFile f(text);
  token::TokenReaderOptions opt;
  opt.chunk_bytes = 1000;  // the long line spans many chunks
  // Lines mode reads "-" (a path is a token argument there): stdin comes from the file.
  const int saved = dup(STDIN_FILENO);
  REQUIRE(freopen(f.path.c_str(), "rb", stdin) != nullptr);
  const Read lines = read_all({"-"}, opt);
  dup2(saved, STDIN_FILENO);
  close(saved);
  REQUIRE(lines.tokens.size() == 4);
  CHECK(lines.tokens[0] == t1);  // the CR is not the token's
  CHECK(lines.names[0] == "stdin:1");
  CHECK(lines.too_large[1] == 3 * kMaxTokenBytes + 5);
  CHECK(lines.names[1] == "stdin:3");
  CHECK(lines.tokens[2] == std::string(10, '\0'));
  CHECK(lines.tokens[3] == t2);  // no newline at the end
  CHECK(lines.names[3] == "stdin:5");
  // What decode makes of the NUL line: an error, not a crash, and the next token still decodes.
  CHECK(token::decode_token(lines.tokens[2], {{}, 0, &map::MappingTable::builtin()}).error->code ==
        TokenErrorCode::NotJwt);
  CHECK(token::decode_token(lines.tokens[3], {{}, 0, &map::MappingTable::builtin()}).token);
}

TEST_CASE("a run of base64 longer than any token, cut by chunks, hides nothing after it", "[stream]") {
  const std::string t = capability_token("alice", "", "AC1", 1900000000);
  const std::string text = "a " + std::string(100000, 'Q') + " " + t + "\n" + std::string(5000, '\0') + t + "\n";
  TempFile f(text);
  token::TokenReaderOptions opt;
  opt.extract = true;
  opt.chunk_bytes = 4096;
  const Read r = read_all({f.path}, opt);
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[0] == t);
  CHECK(r.tokens[1] == t);
  CHECK(r.names[1] == f.path + ":2");
}

TEST_CASE("gzip input is found by its magic bytes; a truncated one is an error after its tokens", "[stream]") {
  std::string log;
  std::vector<std::string> want;
  for (int i = 0; i < 2000; ++i) {
    want.push_back(access_token("user" + std::to_string(i), "AC1", 1900000000));
    log += "GET /x " + want.back() + " 200\n";
  }
  TempFile gz(log, true);
  token::TokenReaderOptions opt;
  opt.extract = true;
  opt.chunk_bytes = 5000;
  const Read r = read_all({gz.path}, opt);
  CHECK(r.tokens == want);
  CHECK(r.errors.empty());
  CHECK(r.names.back() == gz.path + ":2000");

  std::ifstream in(gz.path, std::ios::binary);
  const std::string whole((std::istreambuf_iterator<char>(in)), {});
  TempFile cut(whole.substr(0, whole.size() / 2));  // a rotated log copied while written
  const Read partial = read_all({cut.path, gz.path}, opt);
  REQUIRE(partial.errors.size() == 1);
  CHECK_THAT(partial.errors[0], Catch::Contains("gzip: truncated"));
  CHECK(partial.tokens.size() > 100);  // what was there before the cut…
  CHECK(partial.tokens.size() < want.size() + want.size());
  CHECK(std::equal(want.begin(), want.end(),
                   partial.tokens.end() - static_cast<long>(want.size())));  // …and the next input whole

  TempFile garbage(std::string("\x1f\x8b\x08\x00garbage that is not deflate", 30));
  const Read bad = read_all({garbage.path}, opt);
  REQUIRE(bad.errors.size() == 1);
  CHECK_THAT(bad.errors[0], Catch::Contains("gzip"));

  const Read missing = read_all({"/nonexistent/capmig.log"}, opt);
  REQUIRE(missing.errors.size() == 1);
  CHECK_THAT(missing.errors[0], Catch::Contains("cannot read"));
}

TEST_CASE("several: known from the first batch, and one token alone is not several", "[stream]") {
  token::TokenReaderOptions opt;
  opt.batch_tokens = 1;
  CHECK_FALSE(read_all({"a.b.c"}, opt).several);
  CHECK(read_all({"a.b.c", "d.e.f"}, opt).several);
  CHECK(read_all({"a.b.c", "d.e.f"}, opt).names == std::vector<std::string>{"argument 1", "argument 2"});
}

TEST_CASE("the ordered pipeline drains in fill order whatever order the workers finish in", "[stream]") {
  struct Slot {
    std::vector<int> in, out;
  };
  for (unsigned workers : {1u, 2u, 4u, 8u}) {
    int next = 0;
    const int total = 20000;
    std::vector<int> seen;
    std::atomic<int> worked{0};
    stream::run_ordered<Slot>(
        workers, 2 * workers + 2,
        [&](Slot& s) {
          s.in.clear();
          for (int k = 0; k < 37 && next < total; ++k) s.in.push_back(next++);
          return !s.in.empty();
        },
        [&](Slot& s) {
          s.out.clear();
          // Uneven work, so later batches often finish first.
          if (s.in.front() % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          for (int v : s.in) s.out.push_back(v * 3);
          worked += static_cast<int>(s.in.size());
        },
        [&](Slot& s) { seen.insert(seen.end(), s.out.begin(), s.out.end()); });
    REQUIRE(worked == total);
    REQUIRE(seen.size() == static_cast<std::size_t>(total));
    bool ordered = true;
    for (int i = 0; i < total; ++i) ordered &= seen[static_cast<std::size_t>(i)] == 3 * i;
    CHECK(ordered);
  }
  // A throw in a worker stops the pipeline and reaches the caller.
  struct S {
    int v = 0;
  };
  int n = 0;
  CHECK_THROWS_WITH(stream::run_ordered<S>(
                        2, 4,
                        [&](S& s) {
                          s.v = n++;
                          return n < 1000;
                        },
                        [](S& s) {
                          if (s.v == 50) throw std::runtime_error("boom");
                        },
                        [](S&) {}),
                    "boom");
}

TEST_CASE("the audit counts by kind, account, client and app, and merges in input order", "[stream][audit]") {
  token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
  opt.keys.auth_token = kKey;
  opt.keys.api_key_secret = kKey;
  opt.now = 1800000000;
  const std::string acA = "AC0123456789abcdef0123456789abcdef", acB = "ACfedcba9876543210fedcba9876543210";
  struct In {
    std::string token, where;
  };
  const std::vector<In> ins = {
      {capability_token("alice", "AP1", acA, 1900000000), "a.log:1"},
      {capability_token("alice", "AP1", acA, 1700000000), "a.log:5"},  // expired
      {capability_token("bob", "", acB, 1900000000), "a.log:9"},
      {access_token("carol", acA, 1900000000), "a.log:12"},
      {"eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.bad!", "a.log:20"},  // malformed
      {capability_token("alice", "AP1", acA, 1900000000, "forged"), "a.log:30"},
  };
  // Split in two partial audits (two batches) and merge, as the writer does.
  token::TokenAudit first, second;
  for (std::size_t i = 0; i < ins.size(); ++i)
    (i < 3 ? first : second).add(token::decode_token(ins[i].token, opt), ins[i].where, opt.now);
  first.merge(second);
  const token::TokenAudit& a = first;
  CHECK(a.total.tokens == 6);
  CHECK(a.total.first == "a.log:1");
  CHECK(a.total.last == "a.log:30");
  const auto& cap = a.by_kind[static_cast<std::size_t>(token::AuditKind::Capability)];
  CHECK(cap.tokens == 4);
  CHECK(cap.expired == 1);
  CHECK(cap.live == 3);
  CHECK(a.by_kind[static_cast<std::size_t>(token::AuditKind::Access)].tokens == 1);
  CHECK(a.by_kind[static_cast<std::size_t>(token::AuditKind::Malformed)].tokens == 1);
  CHECK(a.total.verified == 4);
  CHECK(a.total.failed == 1);  // the forged one
  const auto alice = a.clients.at({token::AuditKind::Capability, acA, "alice"});
  CHECK(alice.tokens == 3);
  CHECK(alice.first == "a.log:1");
  CHECK(alice.last == "a.log:30");
  CHECK(a.clients.at({token::AuditKind::Capability, acB, "bob"}).tokens == 1);
  CHECK(a.clients.at({token::AuditKind::Access, acA, "carol"}).tokens == 1);
  CHECK(a.apps.at({token::AuditKind::Capability, acA, "AP1"}).tokens == 3);
  CHECK(a.accounts.at({token::AuditKind::Capability, acA, ""}).tokens == 3);

  const auto json = token::audit_to_json(a);
  CHECK(json.at("tokens").as_uint64() == 6);
  CHECK(json.at("clients").as_array().at(0).at("name").as_string() == "alice");
  const std::string md = audit_to_markdown(a);
  CHECK_THAT(md, Catch::Contains("| capability | `" + acA + "` | `alice` | 3 |"));
  const std::string text = audit_to_text(a, TextStyle{false});
  CHECK_THAT(text, Catch::Contains("Clients that still get capability tokens"));
}

TEST_CASE("the audit's tables stop growing at their cap", "[stream][audit]") {
  token::TokenAudit a;
  token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
  opt.now = 1800000000;
  const token::DecodeResult r = token::decode_token(access_token("x", "AC1", 1900000000), opt);
  for (std::size_t i = 0; i < token::TokenAudit::kMaxRows + 50; ++i) {
    token::DecodeResult copy = r;
    copy.token->access->identity = "id" + std::to_string(i);
    a.add(copy, "x:1", opt.now);
  }
  CHECK(a.clients.size() == token::TokenAudit::kMaxRows);
  CHECK(a.dropped == 50);
  CHECK(a.total.tokens == token::TokenAudit::kMaxRows + 50);
}

TEST_CASE("terminal_safe escapes controls and bidi overrides, keeps other text", "[stream][escape]") {
  CHECK(terminal_safe("a\x1b[2Jb\x07\x00"
                      "c"s) == "a\\x1b[2Jb\\x07\\x00c");
  CHECK(terminal_safe("rtl\u202Eevil\u2066x\u200F") == "rtl\\u{202e}evil\\u{2066}x\\u{200f}");
  CHECK(terminal_safe("\xc2\x9b"
                      "31m") == "\\x9b31m");
  CHECK(terminal_safe("naïve → ok €") == "naïve → ok €");
}
