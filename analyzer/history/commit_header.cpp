#include "analyzer/history/commit_header.h"

namespace capmig::history {
namespace {

// The next line's value when it starts with `key`; advances `pos` past the line.
bool header_line(std::string_view data, std::size_t& pos, std::string_view key, std::string_view& value) {
  if (data.compare(pos, key.size(), key) != 0) return false;
  const std::size_t end = data.find('\n', pos);
  if (end == std::string_view::npos) return false;
  value = data.substr(pos + key.size(), end - pos - key.size());
  pos = end + 1;
  return true;
}

bool hex_oid(std::string_view s, git_oid& out) {
  return s.size() == GIT_OID_HEXSZ && git_oid_fromstrn(&out, s.data(), GIT_OID_HEXSZ) == 0;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// "Name <email> 1700000000 +0130": the time and the offset after the email's '>'.
bool signature_time(std::string_view ident, std::int64_t& time, int& offset) {
  const std::size_t gt = ident.rfind('>');
  if (gt == std::string_view::npos) return false;
  std::string_view rest = ident.substr(gt + 1);
  if (rest.size() < 8 || rest[0] != ' ') return false;
  rest.remove_prefix(1);
  const std::size_t space = rest.find(' ');
  if (space == 0 || space == std::string_view::npos || space > 18) return false;
  std::int64_t t = 0;
  for (std::size_t i = 0; i < space; ++i) {
    if (!digit(rest[i])) return false;
    t = t * 10 + (rest[i] - '0');
  }
  const std::string_view tz = rest.substr(space + 1);
  if (tz.size() != 5 || (tz[0] != '+' && tz[0] != '-')) return false;
  for (std::size_t i = 1; i < 5; ++i)
    if (!digit(tz[i])) return false;
  const int hours = (tz[1] - '0') * 10 + (tz[2] - '0'), minutes = (tz[3] - '0') * 10 + (tz[4] - '0');
  if (hours > 14 || minutes > 59) return false;
  time = t;
  offset = (tz[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  return true;
}

}  // namespace

bool parse_commit_header(std::string_view data, CommitHeader& out) {
  std::size_t pos = 0;
  std::string_view value;
  if (!header_line(data, pos, "tree ", value) || !hex_oid(value, out.tree)) return false;
  out.parents.clear();
  while (header_line(data, pos, "parent ", value)) {
    git_oid parent;
    if (!hex_oid(value, parent)) return false;
    out.parents.push_back(parent);
  }
  int committer_offset = 0;
  return header_line(data, pos, "author ", value) && signature_time(value, out.author_time, out.author_offset) &&
         header_line(data, pos, "committer ", value) && signature_time(value, out.commit_time, committer_offset);
}

}  // namespace capmig::history
