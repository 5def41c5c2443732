// capmig decode [TOKEN|-]: classify, decode, verify, lint, and map capability tokens.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/report/token_text.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/report_json.h"

namespace capmig::cli {
namespace json = boost::json;

int run_decode(int argc, char** argv) {
  CommonOptions o;
  po::options_description d("decode options");
  add_common_options(d, o, true);
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig decode [TOKEN...|-] [options]", d, pos, o)) return 0;
  finish_common_options(o, {"text", "json", "jsonl"});
  refuse_path_arguments(o, "decode");

  const auto inputs = read_token_inputs(o);
  if (inputs.empty()) throw UsageError("no token in the input");
  DecodeOptions opt{load_keys(o), o.now};
  const TextStyle style = stdout_style(o);
  const bool several = inputs.size() > 1;

  int exit_code = 0;
  json::array all;
  for (const auto& in : inputs) {
    DecodeResult r = decode_token(in.token, opt);
    report_decode_error(in, r, exit_code);
    if (o.format == "text") {
      if (!r.token) continue;  // the error line on stderr says it all
      std::cout << decode_result_to_text(r, in.name, o.now, style) << (several ? "\n" : "");
      continue;
    }
    json::object obj = decode_result_to_json(r);
    if (several) obj["input"] = in.name;
    if (o.format == "jsonl") std::cout << json::serialize(obj) << "\n";
    else all.push_back(std::move(obj));
  }
  if (o.format == "json") std::cout << (several ? json::serialize(all) : json::serialize(all.at(0))) << "\n";
  return exit_code;
}

}  // namespace capmig::cli
