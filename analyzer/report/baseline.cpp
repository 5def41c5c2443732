#include "analyzer/report/baseline.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <tuple>
#include <vector>

#include "analyzer/core/file_io.h"

namespace capmig::report {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

Unexpected<std::string> fail(const std::string& path, const std::string& reason) {
  return Unexpected("baseline " + path + ": " + reason);
}

std::string_view kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object:
      return "an object";
    case json::kind::array:
      return "an array";
    case json::kind::string:
      return "a string";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::null:
      return "null";
    default:
      return "a number";
  }
}

}  // namespace

std::string baseline_text(const ScanReport& report) {
  std::vector<const Finding*> sorted;
  for (const auto& f : report.findings) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->path, a->location.line, a->id) < std::tie(b->path, b->location.line, b->id);
  });
  std::string out = "{\n  \"version\": 1,\n  \"tool\": \"capmig\",\n  \"findings\": [";
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Finding& f = *sorted[i];
    out += i == 0 ? "\n    " : ",\n    ";
    out += json::serialize(
        json::object{{"id", f.id}, {"rule_id", f.rule_id}, {"path", f.path}, {"line", f.location.line}});
  }
  out += sorted.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Result<std::size_t, std::string> write_baseline(const ScanReport& report, const std::string& path) {
  fs::path target(path);
  std::error_code ec;
  // Replace what a symlink points at, not the link itself.
  if (fs::is_symlink(target, ec)) {
    fs::path resolved = fs::canonical(target, ec);
    if (!ec) target = resolved;
  }
  if (fs::is_directory(target, ec)) return fail(path, "is a directory");
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");

  // A unique name in the same directory, so the rename stays on one filesystem.
  // O_EXCL makes a clash an EEXIST, and we try again.
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = (dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                  std::to_string(stamp) + "-" + std::to_string(attempt)))
              .string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);  // umask applies
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    const int open_err = errno;
    return fail(path, "cannot create a file in " + dir.string() + ": " + errno_text(open_err));
  }

  const std::string text = baseline_text(report);
  int err = 0;
  if (!io::write_all(fd, text)) err = errno;
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && ::rename(tmp.c_str(), target.c_str()) != 0) err = errno;
  if (err) {
    ::unlink(tmp.c_str());
    return fail(path, "cannot write: " + errno_text(err));
  }
  // Make the rename itself durable; some filesystems refuse fsync on a directory, which is
  // no reason to fail a write that has already happened.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return report.findings.size();
}

Result<BaselineIds, std::string> parse_baseline(std::string_view text, const std::string& path) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return fail(path, "not JSON: the file is empty");

  json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t used = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    const std::string_view before = text.substr(0, std::min(used, text.size()));
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    return fail(path, "not JSON: " + ec.message() + " at line " + std::to_string(line));
  }
  const json::value doc = parser.release();

  const std::string shape = R"(expected {"version": 1, "tool": "capmig", "findings": [{"id": …}, …]})";
  if (!doc.is_object()) return fail(path, shape + ", got " + std::string(kind_name(doc)));
  const json::object& o = doc.get_object();

  const json::value* version = o.if_contains("version");
  if (!version) return fail(path, shape + ", \"version\" is missing");
  if (!version->is_int64() || version->get_int64() != 1) {
    return fail(path, "unsupported version " + json::serialize(*version) +
                          " (this capmig reads version 1; was it written by a newer capmig?)");
  }
  if (const json::value* tool = o.if_contains("tool")) {
    if (!tool->is_string() || tool->get_string() != "capmig")
      return fail(path, "not a capmig baseline (\"tool\" is " + json::serialize(*tool) + ")");
  }
  const json::value* findings = o.if_contains("findings");
  if (!findings || !findings->is_array()) {
    return fail(path,
                shape + ", \"findings\" is " + (findings ? std::string(kind_name(*findings)) : std::string("missing")));
  }

  BaselineIds ids;
  const json::array& arr = findings->get_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const json::object* entry = arr[i].if_object();
    const json::value* id = entry ? entry->if_contains("id") : nullptr;
    if (!id || !id->is_string() || id->get_string().empty()) {
      return fail(path, "findings[" + std::to_string(i) + "]: expected an object with a non-empty string \"id\"");
    }
    ids.emplace(id->get_string());
  }
  return ids;
}

Result<BaselineIds, std::string> load_baseline(const std::string& path) {
  const auto text = io::read_file(path);
  if (!text) return fail(path, "cannot read: " + errno_text(text.error().err));
  return parse_baseline(*text, path);
}

std::size_t apply_baseline(ScanReport& report, const BaselineIds& ids) {
  std::size_t matched = 0;
  for (auto& f : report.findings) {
    if (ids.contains(f.id)) {
      f.is_new = false;
      ++matched;
    }
  }
  return matched;
}

}  // namespace capmig::report
