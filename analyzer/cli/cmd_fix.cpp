// capmig fix PATH…: migration patches. A unified diff (stdout or --output) that `git apply`
// takes, or the files rewritten in place with --apply; per construct, the reason when it
// needs a human. Exit 1 while findings the patch does not resolve remain (SPEC's gate).

#include <fstream>
#include <iostream>
#include <set>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/scan_flags.h"
#include "analyzer/fix/atomic_write.h"
#include "analyzer/fix/fixer.h"
#include "analyzer/report/baseline.h"
#include "analyzer/report/formats.h"
#include "analyzer/report/gate.h"

namespace capmig::cli {

namespace {

// What is left once the patch is applied: every finding but the rewritten constructs.
scan::ScanReport remaining(const fix::FixReport& r) {
  scan::ScanReport left = r.scan;
  std::set<std::string, std::less<>> done;
  for (const auto& rw : r.rewrites)
    if (rw.status == fix::Status::rewritten) done.insert(rw.finding_id);
  std::erase_if(left.findings, [&](const scan::Finding& f) { return done.count(f.id) > 0; });
  return left;
}

}  // namespace

int run_fix(int argc, char** argv) {
  CommonOptions o;
  ScanFlags flags;
  std::string identity;
  bool apply = false, library_upgraded = false, include_drafts = false;
  po::options_description d("fix options");
  d.add_options()("format", po::value(&o.format), "text (the diff) | json | markdown | html | sarif")(
      "apply", po::bool_switch(&apply), "rewrite the files in place (atomically; refuses files changed meanwhile)")(
      "identity", po::value(&identity),
      "EXPR: the Access Token identity where the capability names no client "
      "(an expression in the file's language, e.g. \"'alice'\" or user.id)")(
      "library-upgraded", po::bool_switch(&library_upgraded),
      "the project upgrades its Twilio library in the same change: rewrite files whose manifests or own "
      "imports show an older one too (each patch notes the release it needs)")(
      "include-drafts", po::bool_switch(&include_drafts),
      "also put the drafts in the patch: constructs that need only an identity, the API key's source or the "
      "library upgrade, written with that piece marked TODO(capmig) (they stay needs-input in the reports)");
  add_scan_flags(d, flags, o);
  d.add_options()("help,h", "show this help");
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig fix [PATH...] [--apply] [--output FILE] [options]", d, pos, o))
    return 0;
  if (o.inputs.empty()) o.inputs.push_back(".");  // before the token commands' "-" for a piped stdin
  finish_common_options(o, report::format_names(report::fix_formats()));
  const report::Format& format = *report::find_format(report::fix_formats(), o.format);
  ScanSetup setup = resolve_scan_flags(flags, o);
  if (!flags.write_baseline.empty()) throw UsageError("--write-baseline belongs to `capmig scan`");

  fix::FixOptions fo;
  fo.scan = setup.options;
  if (!identity.empty()) fo.rewrite.identity = identity;
  fo.rewrite.library_upgraded = library_upgraded;
  fo.rewrite.include_drafts = include_drafts;
  fix::FixRun run = fix::run_fix(fo, setup.rules);
  fix::FixReport& report = run.report;
  report.scan.repository = setup.repository;
  if (setup.baseline) report::apply_baseline(report.scan, *setup.baseline);

  // Applied first, so that every report says whether the rewrites were written.
  int exit_code = gate_exit_code(remaining(report), setup);
  std::size_t applied = 0;
  if (apply) {
    for (std::size_t i = 0; i < run.targets.size(); ++i) {
      const auto& t = run.targets[i];
      if (auto err = fix::replace_file_atomically(t.fs_path, t.original, t.patched)) {
        print_error(t.fs_path + ": not patched: " + *err);
        exit_code = 2;
      } else {
        ++applied;
      }
    }
    // A partial apply is reported as a patch: some of it is still to be applied.
    report.delivery = applied == run.targets.size() ? fix::Delivery::applied : fix::Delivery::patch;
  }

  std::ofstream file;
  if (!flags.output.empty()) {
    file.open(flags.output, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError(flags.output + ": cannot write");
  }
  std::ostream& out = flags.output.empty() ? std::cout : file;
  // With --apply the patch is written to the files, and to --output only when one is given.
  if (format.name != "text" || !apply || !flags.output.empty())
    format.write(out, {report.scan, &report, setup.baseline.has_value()});
  out.flush();
  if (!out) throw UsageError((flags.output.empty() ? std::string("standard output") : flags.output) + ": write failed");

  // The summary: on stderr, so the diff on stdout stays a clean patch.
  std::cerr << "capmig: fix: " << report.rewrites.size() << " capability construct"
            << (report.rewrites.size() == 1 ? "" : "s") << ": " << report.rewritten()
            << (report.delivery == fix::Delivery::applied ? " rewritten in " : " rewritable in ") << report.files.size()
            << " file" << (report.files.size() == 1 ? "" : "s") << ", " << report.needs_input() << " need"
            << (report.needs_input() == 1 ? "s" : "") << " input"
            << (apply || report.rewritten() == 0
                    ? ""
                    : " (nothing written: review the patch, then apply it or rerun with --apply)")
            << "\n";
  std::size_t drafts = 0, drafts_in_patch = 0;
  for (const auto& rw : report.rewrites) {
    for (const auto& why : rw.reasons)
      std::cerr << "  " << rw.path << ":" << rw.line << ": needs-input: " << why << "\n";
    for (const auto& n : rw.notes) std::cerr << "  " << rw.path << ":" << rw.line << ": note: " << n << "\n";
    if (rw.draft) {
      ++drafts;
      drafts_in_patch += rw.draft->in_patch ? 1 : 0;
    }
  }
  if (drafts > 0)
    std::cerr << "capmig: fix: " << drafts << " of the constructs that need input have a draft with the missing piece "
              << "marked TODO(capmig): "
              << (drafts_in_patch > 0 ? "they are in the patch (--include-drafts)"
                                      : "see --format json, or add them to the patch with --include-drafts")
              << "\n";
  if (apply) std::cerr << "capmig: fix: applied to " << applied << " of " << run.targets.size() << " files\n";
  return exit_code;
}

}  // namespace capmig::cli
