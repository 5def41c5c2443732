// capmig check [TOKEN…|-]: the CI gate over tokens an application serves.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/token_stream.h"
#include "analyzer/core/utf8.h"
#include "analyzer/report/terminal_safe.h"
#include "analyzer/report/token_json.h"
#include "analyzer/token/check_policy.h"
#include "analyzer/token/decode.h"

namespace capmig::cli {
namespace json = boost::json;

int run_check(int argc, char** argv) {
  CommonOptions o;
  token::CheckPolicy policy;
  po::options_description d("check options");
  d.add_options()("strict", po::bool_switch(&policy.strict),
                  "warnings fail too (HS384/HS512, unknown region, jti shape…)")(
      "require-verified", po::bool_switch(&policy.require_verified),
      "fail tokens whose signature could not be checked (no key given)");
  add_common_options(d, o, false);
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig check [TOKEN...|-] [options]", d, pos, o)) return 0;
  finish_common_options(o, {"text", "json"});
  refuse_path_arguments(o, "check");

  const token::DecodeOptions opt{load_keys(o), o.now, &mapping_table()};
  const TextStyle st = stdout_style(o);
  const bool text = o.format == "text";
  // JSON streams the tokens first and the counts after them, so nothing is held back.
  if (!text) std::cout << "{\"tokens\":[" << std::flush;
  const auto totals =
      run_token_stream(o, text ? Framing::Plain : Framing::JsonList, [&](const TokenItem& in, BatchOutput& out) {
        const token::DecodeResult r = decode_item(in, opt);
        const token::CheckVerdict v = token::check_token(r, policy);
        add_decode_error(in, r, out);
        if (!v.passed) out.exit_code = std::max(out.exit_code, 1);
        ++(v.passed ? out.passed : out.failed);
        if (text) {
          const std::string kind = r.token ? std::string(to_string(r.token->kind)) : "malformed";
          out.out += v.passed ? st.green("PASS") : st.red("FAIL");
          out.out += "  " + terminal_safe(in.name) + "  " + kind;
          for (const auto& f : v.failures) out.out += "  " + st.red(f);
          for (const auto& n : v.notes) out.out += "  " + st.yellow(n);
          out.out += '\n';
          return;
        }
        json::array failures, notes;
        for (const auto& f : v.failures) failures.emplace_back(f);
        for (const auto& n : v.notes) notes.emplace_back(n);
        json::object obj{{"input", valid_utf8(in.name)},
                         {"passed", v.passed},
                         {"failures", std::move(failures)},
                         {"notes", std::move(notes)}};
        obj["token"] = decode_result_to_json(r, in.storage);
        append_json(out.out, obj);
        ++out.elements;
      });
  if (totals.tokens == 0 && totals.exit_code == 0) {
    if (!text) std::cout << "]}\n";
    throw UsageError("no token in the input");
  }
  if (text) {
    std::cout << totals.tokens << (totals.tokens == 1 ? " token: " : " tokens: ") << totals.passed << " passed, "
              << totals.failed << " failed\n";
  } else {
    std::cout << "],\"passed\":" << totals.passed << ",\"failed\":" << totals.failed << "}\n";
  }
  return totals.exit_code;
}

}  // namespace capmig::cli
