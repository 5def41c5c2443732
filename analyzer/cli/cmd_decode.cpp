// capmig decode [TOKEN|-]: classify, decode, verify, lint, and map capability tokens.
#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/token_stream.h"
#include "analyzer/core/utf8.h"
#include "analyzer/report/token_json_writer.h"
#include "analyzer/report/token_text.h"
#include "analyzer/token/decode.h"

namespace capmig::cli {

int run_decode(int argc, char** argv) {
  CommonOptions o;
  po::options_description d("decode options");
  add_common_options(d, o, true);
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig decode [TOKEN...|-] [options]", d, pos, o)) return 0;
  finish_common_options(o, {"text", "json", "jsonl"});
  refuse_path_arguments(o, "decode");

  const token::DecodeOptions opt{load_keys(o), o.now, &mapping_table()};
  const TextStyle style = stdout_style(o);
  const bool text = o.format == "text", jsonl = o.format == "jsonl";
  const auto totals = run_token_stream(o, jsonl || text ? Framing::Plain : Framing::JsonArray,
                                       [&](const TokenItem& in, BatchOutput& out) {
                                         token::DecodeResult r = decode_item(in, opt);
                                         add_decode_error(in, r, out);
                                         if (text) {
                                           if (!r.token) return;  // the error line on stderr says it all
                                           out.out += decode_result_to_text(r, in.name, o.now, style);
                                           if (in.several) out.out += '\n';
                                           return;
                                         }
                                         // Written directly (append_decode_json is held byte-identical to
                                         // decode_result_to_json). The name is a view; only a name with bad UTF-8 (a
                                         // file name) is copied to repair it.
                                         if (!in.several || is_valid_utf8(in.name))
                                           append_decode_json(out.out, r, in.several ? in.name : std::string_view());
                                         else
                                           append_decode_json(out.out, r, valid_utf8(in.name));
                                         if (jsonl)
                                           out.out += '\n';
                                         else
                                           ++out.elements;
                                       });
  if (totals.tokens == 0 && totals.exit_code == 0) throw UsageError("no token in the input");
  return totals.exit_code;
}

}  // namespace capmig::cli
