// Ruby: `require 'twilio-ruby'`; `Klass.new(…)` constructs; calls may omit parentheses.
#include "analyzer/lang/dialect.h"
#include "analyzer/lang/syntax.h"

namespace capmig::lang {
namespace {

// require 'twilio-ruby' (binds nothing; found so new requires are not duplicated)
void read_require(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  for (std::size_t q = k + 1; q < st.end; ++q)
    if (s.tok(q).kind == TokKind::string) im.module = s.tok(q).value;
  out.push_back(std::move(im));
}

}  // namespace

const Dialect& ruby_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::ruby;
    row.name = "ruby";
    row.doc_tags = {"rails", "jruby"};
    row.extensions = {"rb", "rake", "gemspec", "ru"};
    row.file_names = {"Rakefile", "Gemfile", "Podfile"};
    row.lex = lex_ruby;
    row.traits.member_ops = {".", "&.", "::"};
    row.traits.assign_ops = {"=", "||="};
    row.traits.paren_less_calls = true;
    row.traits.bare_calls = true;
    row.traits.constructor_method = "new";
    row.traits.capitalised_globals = true;
    row.traits.pair_arrow = true;
    row.traits.colon_labels = true;
    row.imports.keywords = {"require", "require_relative"};
    row.imports.read = read_require;
    row.imports.library_autoloaded = true;
    row.target = "ruby";
    row.print_calls = {"puts", "p", "pp", "print"};
    row.absent_env_reads = {"ENV"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
