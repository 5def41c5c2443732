#include "analyzer/codegen/template.h"

#include <memory>
#include <vector>

namespace capmig::codegen {
namespace {

struct Node {
  enum class Kind { Text, Value, LineValue, Section } kind = Kind::Text;
  std::string text;      // Text: the characters; Value/LineValue/Section: the name
  std::string indent;    // LineValue: whitespace before the tag
  bool newline = false;  // LineValue: the line ended in '\n'
  bool inverted = false;
  std::vector<Node> children;
};

struct Tag {
  char sigil = 0;  // 0, '#', '^', '/'
  std::string name;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Tag make_tag(std::string_view inner) {
  Tag t;
  inner = trim(inner);
  if (!inner.empty() && (inner.front() == '#' || inner.front() == '^' || inner.front() == '/')) {
    t.sigil = inner.front();
    inner = trim(inner.substr(1));
  }
  t.name = std::string(inner);
  return t;
}

// The single tag a line consists of, if it is one.
std::optional<Tag> standalone_tag(std::string_view line) {
  auto s = trim(line);
  if (s.size() < 4 || !s.starts_with("{{") || !s.ends_with("}}")) return std::nullopt;
  auto inner = s.substr(2, s.size() - 4);
  if (inner.find("{{") != std::string_view::npos || inner.find("}}") != std::string_view::npos) return std::nullopt;
  return make_tag(inner);
}

class Parser {
 public:
  Result<std::vector<Node>, std::string> parse(std::string_view tmpl) {
    stack_.push_back({});
    for (std::size_t pos = 0; pos < tmpl.size();) {
      auto eol = tmpl.find('\n', pos);
      const bool has_nl = eol != std::string_view::npos;
      auto line = tmpl.substr(pos, has_nl ? eol - pos : std::string_view::npos);
      pos = has_nl ? eol + 1 : tmpl.size();
      if (auto tag = standalone_tag(line)) {
        if (tag->sigil != 0) {
          if (auto err = on_tag(*tag)) return Unexpected(*err);
          continue;
        }
        Node n{Node::Kind::LineValue, tag->name, std::string(line.substr(0, line.find('{'))), has_nl, false, {}};
        stack_.back().children.push_back(std::move(n));
        continue;
      }
      if (auto err = inline_line(line)) return Unexpected(*err);
      if (has_nl) add_text("\n");
    }
    if (stack_.size() != 1) return Unexpected("template: section '" + stack_.back().text + "' is not closed");
    return std::move(stack_.front().children);
  }

 private:
  std::optional<std::string> inline_line(std::string_view line) {
    for (std::size_t i = 0; i < line.size();) {
      auto open = line.find("{{", i);
      if (open == std::string_view::npos) {
        add_text(line.substr(i));
        break;
      }
      add_text(line.substr(i, open - i));
      auto close = line.find("}}", open + 2);
      if (close == std::string_view::npos) return "template: unterminated '{{' in: " + std::string(line);
      Tag tag = make_tag(line.substr(open + 2, close - open - 2));
      if (tag.sigil == 0) {
        stack_.back().children.push_back({Node::Kind::Value, tag.name, {}, false, false, {}});
      } else if (auto err = on_tag(tag)) {
        return err;
      }
      i = close + 2;
    }
    return std::nullopt;
  }

  std::optional<std::string> on_tag(const Tag& tag) {
    if (tag.name.empty()) return std::string("template: empty tag name");
    if (tag.sigil == '/') {
      if (stack_.size() < 2 || stack_.back().text != tag.name)
        return "template: '{{/" + tag.name + "}}' closes no open section";
      Node done = std::move(stack_.back());
      stack_.pop_back();
      stack_.back().children.push_back(std::move(done));
      return std::nullopt;
    }
    stack_.push_back({Node::Kind::Section, tag.name, {}, false, tag.sigil == '^', {}});
    return std::nullopt;
  }

  void add_text(std::string_view s) {
    if (s.empty()) return;
    auto& kids = stack_.back().children;
    if (!kids.empty() && kids.back().kind == Node::Kind::Text)
      kids.back().text += s;
    else
      kids.push_back({Node::Kind::Text, std::string(s), {}, false, false, {}});
  }

  std::vector<Node> stack_;
};

// The whitespace that starts the line `out` currently ends in.
std::string current_indent(const std::string& out) {
  auto start = out.rfind('\n');
  start = start == std::string::npos ? 0 : start + 1;
  auto end = start;
  while (end < out.size() && (out[end] == ' ' || out[end] == '\t')) ++end;
  return out.substr(start, end - start);
}

void append_indented(std::string& out, std::string_view value, const std::string& indent) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    out += value[i];
    if (value[i] == '\n' && i + 1 < value.size() && value[i + 1] != '\n') out += indent;
  }
}

std::optional<std::string> render(const std::vector<Node>& nodes, const TemplateContext& ctx, std::string& out) {
  for (const auto& n : nodes) {
    switch (n.kind) {
      case Node::Kind::Text:
        out += n.text;
        break;
      case Node::Kind::Value: {
        auto v = ctx.value(n.text);
        if (!v) return "template: unknown placeholder '{{" + n.text + "}}'";
        append_indented(out, *v, current_indent(out));
        break;
      }
      case Node::Kind::LineValue: {
        auto v = ctx.value(n.text);
        if (!v) return "template: unknown placeholder '{{" + n.text + "}}'";
        if (v->empty()) break;
        out += n.indent;
        append_indented(out, *v, n.indent);
        if (n.newline && out.back() != '\n') out += '\n';
        break;
      }
      case Node::Kind::Section: {
        auto on = ctx.section(n.text);
        if (!on) return "template: unknown section '{{#" + n.text + "}}'";
        if (*on != n.inverted)
          if (auto err = render(n.children, ctx, out)) return err;
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<std::string, std::string> render_template(std::string_view tmpl, const TemplateContext& ctx) {
  auto nodes = Parser().parse(tmpl);
  if (!nodes) return Unexpected(nodes.error());
  std::string out;
  if (auto err = render(*nodes, ctx, out)) return Unexpected(*err);
  return out;
}

std::string reindent(std::string_view text, std::size_t unit, std::string_view indent) {
  std::string out;
  out.reserve(text.size());
  bool at_start = true;
  std::size_t spaces = 0;
  for (char c : text) {
    if (at_start && c == ' ') {
      ++spaces;
      continue;
    }
    if (at_start) {
      if (unit > 0) {
        for (std::size_t k = 0; k < spaces / unit; ++k) out += indent;
        out.append(spaces % unit, ' ');
      } else {
        out.append(spaces, ' ');
      }
      spaces = 0;
      at_start = false;
    }
    out += c;
    if (c == '\n') at_start = true;
  }
  if (at_start && spaces > 0) out.append(spaces, ' ');
  return out;
}

}  // namespace capmig::codegen
