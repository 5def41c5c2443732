// capmig check [TOKEN…|-]: the CI gate over tokens an application serves.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/token/check_policy.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/report_json.h"

namespace capmig::cli {
namespace json = boost::json;

int run_check(int argc, char** argv) {
  CommonOptions o;
  CheckPolicy policy;
  po::options_description d("check options");
  d.add_options()
    ("strict", po::bool_switch(&policy.strict), "warnings fail too (HS384/HS512, unknown region, jti shape…)")
    ("require-verified", po::bool_switch(&policy.require_verified), "fail tokens whose signature could not be checked (no key given)");
  add_common_options(d, o, false);
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig check [TOKEN...|-] [options]", d, pos, o)) return 0;
  finish_common_options(o, {"text", "json"});
  refuse_path_arguments(o, "check");

  const auto inputs = read_token_inputs(o);
  if (inputs.empty()) throw UsageError("no token in the input");
  const DecodeOptions opt{load_keys(o), o.now};
  const TextStyle st = stdout_style(o);
  int exit_code = 0, passed = 0, failed = 0;
  json::array results;
  for (const auto& in : inputs) {
    const DecodeResult r = decode_token(in.token, opt);
    const CheckVerdict v = check_token(r, policy);
    report_decode_error(in, r, exit_code);
    if (!v.passed) exit_code = std::max(exit_code, 1);
    (v.passed ? passed : failed)++;
    if (o.format == "text") {
      std::string kind = r.token ? std::string(to_string(r.token->kind)) : "malformed";
      std::cout << (v.passed ? st.green("PASS") : st.red("FAIL")) << "  " << in.name << "  " << kind;
      for (const auto& f : v.failures) std::cout << "  " << st.red(f);
      for (const auto& n : v.notes) std::cout << "  " << st.yellow(n);
      std::cout << "\n";
      continue;
    }
    json::array failures, notes;
    for (const auto& f : v.failures) failures.emplace_back(f);
    for (const auto& n : v.notes) notes.emplace_back(n);
    json::object obj{{"input", in.name}, {"passed", v.passed}, {"failures", std::move(failures)}, {"notes", std::move(notes)}};
    obj["token"] = decode_result_to_json(r);
    results.push_back(std::move(obj));
  }
  if (o.format == "text") {
    std::cout << inputs.size() << (inputs.size() == 1 ? " token: " : " tokens: ") << passed << " passed, " << failed << " failed\n";
  } else {
    std::cout << json::serialize(json::object{{"passed", passed}, {"failed", failed}, {"tokens", std::move(results)}}) << "\n";
  }
  return exit_code;
}

}  // namespace capmig::cli
