#pragma once
// One capability construct → Access Token + VoiceGrant code in the same file, or the reasons
// it needs a human. The rewrite is only made when it is provably the same token: every call on
// the capability object is understood, all of it happens unconditionally in one block, and the
// object never leaves that block. Anything else is `needs-input`, never a guess.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/fix/file_style.h"
#include "analyzer/fix/model.h"
#include "analyzer/fix/project/manifests.h"
#include "analyzer/lang/syntax.h"
#include "analyzer/scan/match/sites.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/syntax/value.h"

namespace capmig::fix {

// Where statements sit: the innermost enclosing `{` of every token (brace languages), and
// each line's indentation (Python, Ruby), so "the same block" can be checked.
class Blocks {
 public:
  explicit Blocks(const lang::Syntax& s);
  std::size_t brace(std::size_t tok) const { return tok < enclosing_.size() ? enclosing_[tok] : lang::npos; }
  std::size_t indent(std::size_t tok) const;  // indentation width of the token's line
  // The statements starting at a and b are in the same block, with no block boundary between.
  bool same_block(std::size_t a, std::size_t b) const;
  // The statement starting at `inner` is in the block of the one at `outer`, or nested in it.
  bool within(std::size_t inner, std::size_t outer) const;
  // `if`, `else`, `for`, `while`, … (not after a member operator).
  bool control_word(std::size_t k) const;
  // The statement at k is the brace-less body of a control statement: `if (x) k…`, `else k…`,
  // PHP's `if (x): k…`, whatever the indentation says.
  bool braceless_body(std::size_t k) const;

 private:
  // A brace language with no control keyword from a up to b under a's `{`, and a not itself
  // the body of one: nothing can nest b deeper than a but braces, whatever the indentation.
  bool flat_between(std::size_t a, std::size_t b) const;

  const lang::Syntax& s_;
  bool brace_blocks_ = false;
  std::vector<std::size_t> enclosing_;
};

struct FileContext {
  const lang::SourceFile& file;
  const lang::Syntax& syntax;
  const scan::Evaluator& eval;
  const Blocks& blocks;
  const FileStyle& style;
  std::set<std::string> identifiers;  // every identifier written in the file
  // What the file's project pins a package to (its manifests); empty: nothing is known.
  std::function<std::optional<PackagePin>(Ecosystem, const std::string& package)> pins;
};

struct ConstructRewrite {
  Status status = Status::needs_input;
  std::vector<std::string> reasons;
  std::string reason_code;                // see Rewrite::reason_code
  std::vector<std::string> notes;         // see Rewrite::notes
  std::vector<Edit> edits;                // offsets only; lines filled in by the caller
  std::vector<lang::TokenRange> removed;  // statements deleted (for the import pass)
  std::vector<std::string> imports;       // import lines the new code needs
  std::string body;                       // the inserted code (for the import pass)
};

struct RewriteOptions {
  std::optional<std::string> identity;  // --identity EXPR, used when no client name exists
  // --library-upgraded: the project moves to the library the Access Token code needs in the
  // same change, so files on an older one are rewritten too (the upgrade becomes a note).
  bool library_upgraded = false;
  // A draft for a reviewer: a construct that needs input only for a piece a person must supply
  // (its identity, the API key's source, the library upgrade) is written anyway, with that
  // piece marked by a TODO(capmig) comment or placeholder. Never applied unless asked.
  bool draft = false;
  // --include-drafts: the drafts go into the patch too (their constructs stay needs-input).
  bool include_drafts = false;
  // Set when another construct of the file stays on a retired library generation: a rewrite
  // that needs the newer one would leave the file importing a class that is gone, so every
  // construct on the old generation needs input, this sentence saying why.
  std::string library_mixed;
};

// The needs-input reason codes a draft can stand in for.
bool draftable(std::string_view reason_code);

// `taken` holds names earlier rewrites of the same file introduced in the same block
// (block id -> names), so two constructs in one function do not declare one name twice.
ConstructRewrite rewrite_construct(const FileContext& fc, const scan::Rule& rule, const scan::Finding& finding,
                                   const scan::ConstructSites& sites, const RewriteOptions& options,
                                   std::map<std::size_t, std::set<std::string>>& taken);

// "config.twilio.authToken" -> {"config.twilio.apiKeySid", "config.twilio.apiKeySecret"} when
// the auth token is read from a config object; nullopt when it comes from the environment,
// a plain variable, a field of the class or a literal (then the API key comes from the env).
struct ApiKeyExpressions {
  std::string sid, secret;
  // Members of a type (`Config.ApiKeySid`, `settings.getApiKeySid()`), not keys looked up in a
  // settings store (`AppSettings["TwilioApiKeySid"]`): a compiler rejects one that is missing.
  std::string member;  // the new member's name, when it is one
};
std::optional<ApiKeyExpressions> api_key_from_config(std::string_view auth_token_text);
// The text reads the process environment (process.env, os.environ, getenv, ENV[…], …).
bool reads_environment_text(std::string_view text);

// The template (mapping/targets/<name>.tmpl) that writes a rule's Access Token code in a
// language: the rule's "fix" data, else the language's dialect; "" when there is none.
std::string template_for(const scan::Rule& rule, lang::Language language);

}  // namespace capmig::fix
