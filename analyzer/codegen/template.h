#pragma once
// A small logic-less template language, a subset of mustache:
//   {{name}}      the value of placeholder `name`, inserted verbatim (never re-expanded).
//                 A value spanning several lines has its later lines indented like the line
//                 the placeholder sits on.
//   {{#name}}…{{/name}}   the enclosed part when section `name` is on;
//   {{^name}}…{{/name}}   the enclosed part when it is off. Sections nest.
// A line holding nothing but one section tag is dropped with its line ending, and so is a
// line holding nothing but one placeholder whose value is empty. Every other character is
// copied. An unknown name or an unbalanced section is an error, not silence.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/core/result.h"

namespace capmig::codegen {

struct TemplateContext {
  // nullopt = no such placeholder / section.
  std::function<std::optional<std::string>(std::string_view name)> value;
  std::function<std::optional<bool>(std::string_view name)> section;
};

Result<std::string, std::string> render_template(std::string_view tmpl, const TemplateContext& ctx);

// Rewrites the leading spaces of each line: every `unit` spaces become one `indent`, a
// remainder stays as spaces. Tabs and the rest of the line are left alone.
std::string reindent(std::string_view text, std::size_t unit, std::string_view indent);

}  // namespace capmig::codegen
