// Documentation code blocks (analyzer/lang/text/doc_code.h): which blocks are read as which
// language, and that every offset stays the file's own.
#include <catch2/catch.hpp>

#include "analyzer/lang/text/doc_code.h"

using namespace capmig::lang;

namespace {

const DocCode* code_of(const std::vector<DocCode>& all, Language l) {
  for (const auto& d : all)
    if (d.language == l) return &d;
  return nullptr;
}

// The text's lines that are not blank in `d`.
std::vector<std::string> kept_lines(const DocCode& d) {
  std::vector<std::string> out;
  std::string line;
  for (char c : d.text + "\n") {
    if (c != '\n') {
      line += c;
      continue;
    }
    if (line.find_first_not_of(' ') != std::string::npos) out.push_back(line);
    line.clear();
  }
  return out;
}

}  // namespace

TEST_CASE("Markdown fences are read as the language they name, at the file's own offsets") {
  const std::string md =
      "# Title\n"
      "```JavaScript\nvar a = 1;\n```\n"
      "prose `inline ``` code`\n"
      "~~~~ {.python}\nx = 1\n~~~\nstill python\n~~~~\n"
      "```\nno language\n```\n"
      "```c#\nvar b = 2;\n```\n"
      "  ```bash\nls\n  ```\n"
      "```ts\nunclosed: runs to the end\n";
  const auto all = documentation_code("docs/README.MD", md);
  REQUIRE(all.size() == 4);
  for (const auto& d : all) {
    REQUIRE(d.text.size() == md.size());
    for (std::size_t i = 0; i < md.size(); ++i)
      if (md[i] == '\n') REQUIRE(d.text[i] == '\n');
  }
  CHECK(kept_lines(*code_of(all, Language::javascript)) == std::vector<std::string>{"var a = 1;"});
  // A closing fence is at least as long as the opening one: `~~~` does not close `~~~~`.
  CHECK(kept_lines(*code_of(all, Language::python)) == std::vector<std::string>{"x = 1", "~~~", "still python"});
  CHECK(kept_lines(*code_of(all, Language::csharp)) == std::vector<std::string>{"var b = 2;"});
  CHECK(kept_lines(*code_of(all, Language::typescript)) == std::vector<std::string>{"unclosed: runs to the end"});
  const auto& js = *code_of(all, Language::javascript);
  CHECK(js.text.find("var a = 1;") == md.find("var a = 1;"));
}

TEST_CASE("reStructuredText code directives end where the indentation does") {
  const std::string rst =
      "Intro\n\n"
      ".. code-block:: python\n   :linenos:\n\n    a = 1\n\n    b = 2\nback to prose\n\n"
      "Literal::\n\n    not code\n\n"
      "  .. code:: rb\n\n     c = 3\n  d\n"
      ".. code-block:: text\n\n    e\n";
  const auto all = documentation_code("guide.rst", rst);
  REQUIRE(all.size() == 2);
  CHECK(kept_lines(*code_of(all, Language::python)) ==
        std::vector<std::string>{"   :linenos:", "    a = 1", "    b = 2"});
  CHECK(kept_lines(*code_of(all, Language::ruby)) == std::vector<std::string>{"     c = 3"});
}

TEST_CASE("Jekyll highlight tags, and files that are not documentation") {
  const std::string md = "{% highlight php %}\n<?php $x = 1;\n{% endhighlight %}\nafter\n";
  const auto all = documentation_code("_posts/2014-01-01-client.markdown", md);
  REQUIRE(all.size() == 1);
  CHECK(all[0].language == Language::php);
  CHECK(kept_lines(all[0]) == std::vector<std::string>{"<?php $x = 1;"});
  CHECK(documentation_code("notes.txt", "```js\nx\n```\n").empty());
  CHECK(documentation_code("README", "```js\nx\n```\n").empty());
  CHECK(documentation_code("a.md", "").empty());
  CHECK(documentation_code("a.md", "```").empty());
}
