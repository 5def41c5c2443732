#pragma once
// One function per subcommand; each returns SPEC's exit code.
namespace capmig::cli {

int run_decode(int argc, char** argv);
int run_map(int argc, char** argv);
int run_mint(int argc, char** argv);
int run_check(int argc, char** argv);
int run_audit(int argc, char** argv);
int run_trace(int argc, char** argv);
int run_scan(int argc, char** argv);
int run_fix(int argc, char** argv);
int run_rules(int argc, char** argv);
int run_merge(int argc, char** argv);

}  // namespace capmig::cli
