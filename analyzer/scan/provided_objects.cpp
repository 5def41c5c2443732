#include "analyzer/scan/provided_objects.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "analyzer/scan/match/context.h"

namespace capmig::scan {
namespace {

// What a builder gives the objects it provides, and the scopes it must not have added.
constexpr const char* kCredentialFields[] = {"account_sid", "auth_token"};
constexpr const char* kScopeFields[] = {"incoming_client_name", "outgoing_application_sid", "outgoing_client_name",
                                        "outgoing_params", "event_stream"};

bool has_field(const Finding& f, const char* key) { return f.capability.fields.count(key) > 0; }

bool is_builder(const Finding& f) {
  return f.category == Category::capability_mint && f.built_for_others && f.provided_class.empty() &&
         std::any_of(std::begin(kCredentialFields), std::end(kCredentialFields),
                     [&](const char* k) { return has_field(f, k); }) &&
         std::none_of(std::begin(kScopeFields), std::end(kScopeFields), [&](const char* k) { return has_field(f, k); });
}

// Two builders build the same object when they pass the same credential expressions.
std::string credentials_key(const Finding& f) {
  std::string key;
  for (const char* k : kCredentialFields) {
    const auto it = f.capability.fields.find(k);
    key += (it == f.capability.fields.end() ? std::string("\x01") : it->second.text) + '\0';
  }
  return key;
}

}  // namespace

void tie_provided_objects(const ScanOptions& options, const RuleSet& rules, std::vector<Finding>& findings) {
  // Builders by rule: the rule names the class, so a receiver and its builder share it.
  std::map<std::string, std::vector<std::size_t>> builders;
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (is_builder(findings[i])) builders[findings[i].rule_id].push_back(i);
  if (builders.empty()) return;
  const auto place = [&](std::size_t i) { return std::tie(findings[i].path, findings[i].location.line); };
  for (auto& [rule, list] : builders)
    std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) { return place(a) < place(b); });
  for (auto& receiver : findings) {
    if (receiver.category != Category::capability_mint || receiver.provided_class.empty()) continue;
    if (std::any_of(std::begin(kCredentialFields), std::end(kCredentialFields),
                    [&](const char* k) { return has_field(receiver, k); }))
      continue;
    const auto it = builders.find(receiver.rule_id);
    if (it == builders.end()) continue;
    // Several builders with different credentials (a production and a test binding): which one
    // the container uses is configuration, not code, so the receiver stays as it is.
    const std::string key = credentials_key(findings[it->second.front()]);
    if (std::any_of(it->second.begin(), it->second.end(),
                    [&](std::size_t b) { return credentials_key(findings[b]) != key; }))
      continue;
    const Finding& builder = findings[it->second.front()];
    for (const char* k : kCredentialFields)
      if (auto p = builder.capability.fields.find(k); p != builder.capability.fields.end())
        receiver.capability.fields[k] = p->second;
    receiver.provided_by = SourceRef{builder.path, builder.location.line};
    const auto rule = std::find_if(rules.rules.begin(), rules.rules.end(),
                                   [&](const Rule& r) { return r.summary.id == receiver.rule_id; });
    if (rule != rules.rules.end() && options.match.table)
      receiver.mapping = options.match.table->apply(mapping_input_for(*rule, receiver.capability));
    for (std::size_t b : it->second) findings[b].provides.push_back({receiver.path, receiver.location.line});
  }
  for (auto& [rule, list] : builders)
    for (std::size_t b : list)
      std::sort(findings[b].provides.begin(), findings[b].provides.end(), [](const SourceRef& x, const SourceRef& y) {
        return std::tie(x.path, x.line) < std::tie(y.path, y.line);
      });
}

}  // namespace capmig::scan
