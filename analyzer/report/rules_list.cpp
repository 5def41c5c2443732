#include "analyzer/report/rules_list.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace capmig::report {
namespace json = boost::json;

void write_rules_json(std::ostream& out, const scan::RuleSet& rules) {
  json::array arr;
  for (const auto& r : rules.rules) {
    json::array langs;
    for (auto l : r.summary.languages) langs.emplace_back(to_string(l));
    arr.push_back(json::object{{"id", r.summary.id},
                               {"name", r.summary.name},
                               {"dialect", r.summary.name},
                               {"languages", std::move(langs)},
                               {"category", to_string(r.summary.category)},
                               {"severity", to_string(r.summary.severity)},
                               {"summary", r.summary.message},
                               {"source", r.source}});
  }
  out << json::serialize(arr) << "\n";
}

void write_rules_text(std::ostream& out, const scan::RuleSet& rules) {
  std::size_t w_id = 2, w_lang = 8;
  std::vector<std::string> langs;
  for (const auto& r : rules.rules) {
    std::string l;
    for (auto x : r.summary.languages) l += (l.empty() ? "" : ",") + std::string(to_string(x));
    if (l.size() > 40) l = "all";
    langs.push_back(l);
    w_id = std::max(w_id, r.summary.id.size());
    w_lang = std::max(w_lang, l.size());
  }
  auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  out << pad("ID", w_id) << "  " << pad("LANGUAGE", w_lang) << "  " << pad("SEVERITY", 8) << "  DIALECT\n";
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const auto& r = rules.rules[i];
    out << pad(r.summary.id, w_id) << "  " << pad(langs[i], w_lang) << "  "
        << pad(std::string(to_string(r.summary.severity)), 8) << "  " << r.summary.name << "\n";
  }
  out << rules.rules.size() << " rules\n";
}

}  // namespace capmig::report
