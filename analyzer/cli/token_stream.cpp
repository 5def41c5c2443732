#include "analyzer/cli/token_stream.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serializer.hpp>

#include <cstdio>
#include <memory>
#include <thread>

#include "analyzer/core/ordered_pipeline.h"
#include "analyzer/report/terminal_safe.h"
#include "analyzer/token/token_reader.h"

namespace capmig::cli {

void BatchOutput::clear() {
  out.clear();
  err.clear();
  elements = 0;
  exit_code = 0;
  tokens = passed = failed = 0;
  if (audited) audit.clear();
  audited = false;
  if (traced) trace.clear();
  traced = false;
}

void add_error(BatchOutput& out, std::string_view name, std::string_view message) {
  out.err += "capmig: error: ";
  out.err += terminal_safe(name);
  out.err += ": ";
  out.err += terminal_safe(message);
  out.err += '\n';
  out.exit_code = std::max(out.exit_code, 2);
}

void add_decode_error(const TokenItem& item, const token::DecodeResult& r, BatchOutput& out, std::string_view suffix) {
  if (!r.error) return;
  out.exit_code = std::max(out.exit_code, exit_code_for(r.error->code));
  out.err += "capmig: error: ";
  out.err += terminal_safe(item.name);
  out.err += ": ";
  out.err += to_string(r.error->code);
  out.err += ": ";
  out.err += terminal_safe(r.error->message);
  out.err += suffix;
  out.err += '\n';
}

token::DecodeResult decode_item(const TokenItem& item, const token::DecodeOptions& options) {
  if (item.too_large)
    return token::DecodeResult{
        std::nullopt,
        TokenError{TokenErrorCode::TooLarge, std::to_string(item.too_large) + " bytes, over the " +
                                                 std::to_string(kMaxTokenBytes) + "-byte limit (line skipped)"}};
  return token::decode_token(item.token, options, item.storage);
}

void append_json(std::string& out, const boost::json::object& o) {
  thread_local boost::json::serializer sr;  // keeps its stack from token to token
  sr.reset(&o);
  char buf[4096];  // not out.resize(): that would zero-fill what the serializer overwrites
  while (!sr.done()) {
    const auto piece = sr.read(buf, sizeof buf);
    out.append(piece.data(), piece.size());
  }
}

namespace {

struct Slot {
  token::TokenBatch batch;
  BatchOutput out;
};

void write_all(std::FILE* f, std::string_view s) {
  if (!s.empty()) std::fwrite(s.data(), 1, s.size(), f);
}

}  // namespace

StreamTotals run_token_stream(const CommonOptions& o, Framing framing, const TokenHandler& handle) {
  token::TokenReader reader(o.inputs, token::TokenReaderOptions{o.extract});
  const unsigned workers = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  // Two batches per worker keep every core busy; the cap keeps memory flat on big machines.
  const std::size_t slots = std::min<std::size_t>(2 * workers + 2, 32);
  StreamTotals totals;
  bool several = false, opened = false;
  const bool joined = framing != Framing::Plain;
  std::fflush(stdout);

  stream::run_ordered<Slot>(
      workers, slots, [&](Slot& s) { return reader.next(s.batch); },
      [&](Slot& s) {
        s.out.clear();
        thread_local std::string name;
        // Each token's JSON lives in this arena, reset after the token: no malloc per value.
        constexpr std::size_t kArenaBytes = 256 * 1024;
        thread_local const std::unique_ptr<unsigned char[]> arena_bytes(new unsigned char[kArenaBytes]);
        thread_local boost::json::monotonic_resource arena(arena_bytes.get(), kArenaBytes);
        const boost::json::storage_ptr storage(&arena);
        std::size_t e = 0;
        for (std::size_t i = 0; i <= s.batch.tokens.size(); ++i) {
          for (; e < s.batch.errors.size() && s.batch.errors[e].before == i; ++e)
            add_error(s.out, reader.names()[s.batch.errors[e].input], s.batch.errors[e].message);
          if (i == s.batch.tokens.size()) break;
          const token::TokenRef& r = s.batch.tokens[i];
          name.clear();
          reader.append_name(name, r);
          const TokenItem item{name, s.batch.token(r), r.too_large, s.batch.several, storage};
          const std::size_t before = s.out.elements;
          if (joined && before > 0) s.out.out += ',';
          ++s.out.tokens;
          handle(item, s.out);
          arena.release();
          if (joined && before > 0 && s.out.elements == before) s.out.out.pop_back();
        }
      },
      [&](Slot& s) {
        if (s.batch.seq == 0) several = s.batch.several;
        write_all(stderr, s.out.err);
        if (joined && s.out.elements > 0) {
          if (!opened)
            write_all(stdout, several && framing == Framing::JsonArray ? "[" : "");
          else
            write_all(stdout, ",");
          opened = true;
        }
        write_all(stdout, s.out.out);
        totals.tokens += s.out.tokens;
        totals.passed += s.out.passed;
        totals.failed += s.out.failed;
        totals.exit_code = std::max(totals.exit_code, s.out.exit_code);
        if (s.out.audited) totals.audit.merge(s.out.audit);
        if (s.out.traced) totals.trace.merge(s.out.trace);
      });
  if (framing == Framing::JsonArray && opened) write_all(stdout, several ? "]\n" : "\n");
  std::fflush(stdout);
  return totals;
}

}  // namespace capmig::cli
