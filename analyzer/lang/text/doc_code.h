#pragma once
// Code blocks of documentation files (Markdown fences, reStructuredText code directives,
// Jekyll highlight tags). A README or a guide that shows how to mint a capability token is
// migration debt too: scan reads each block as the language its fence names.
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/language.h"

namespace capmig::lang {

// The code of one language in a documentation file: the file's text with every byte outside
// that language's blocks blanked (a space; line breaks kept), so offsets, lines and columns
// are the file's own. Blocks whose fence names no known language are left out.
struct DocCode {
  Language language = Language::text;
  std::string text;
};

// One entry per language that has a block, in the order the languages first appear. Empty
// unless `rel_path` is documentation: .md, .markdown, .mdx (Markdown), .rst, .rest.
std::vector<DocCode> documentation_code(std::string_view rel_path, std::string_view text);

}  // namespace capmig::lang
