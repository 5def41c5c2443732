// Construct following on small, targeted sources: the cases a real codebase throws at the
// scanner beyond the samples (aliases, rebinding, comments between chain links, conflicts).
#include <stdlib.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "analyzer/scan/exported_helpers.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"
#include "tests/unit/scan_test_util.h"

using namespace capmig;
using namespace capmig::scan;

namespace {

std::vector<Finding> findings(std::string_view path, std::string_view src) { return testing::scan_text(path, src); }

std::vector<Finding> mints(std::string_view path, std::string_view src) {
  std::vector<Finding> out;
  for (auto& f : findings(path, src))
    if (f.category == Category::capability_mint) out.push_back(std::move(f));
  return out;
}

std::string value(const Finding& f, const char* field) {
  auto it = f.capability.fields.find(field);
  if (it == f.capability.fields.end()) return "<absent>";
  if (!it->second.value) return "<unknown:" + it->second.text + ">";
  const auto& v = *it->second.value;
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  return "<json>";
}

bool has_diag(const Finding& f, const char* d) {
  return f.mapping &&
         std::find(f.mapping->diagnostics.begin(), f.mapping->diagnostics.end(), d) != f.mapping->diagnostics.end();
}

}  // namespace

TEST_CASE("comments and strings never produce a construct", "[scan]") {
  CHECK(mints("a.js",
              "const twilio = require('twilio');\n// const c = new twilio.Capability(a, b);\n"
              "/* new twilio.Capability(a, b) */ const s = 'new twilio.Capability(a, b)';\n")
            .empty());
  CHECK(mints("a.py",
              "from twilio.util import TwilioCapability\n'''\ncap = TwilioCapability(a, b)\n'''\n# TwilioCapability(x, "
              "y)\n")
            .empty());
  CHECK(mints("a.rb", "require 'twilio-ruby'\n=begin\ncap = Twilio::Util::Capability.new a, b\n=end\n").empty());
}

TEST_CASE("a chain with comments and line breaks between links is one construct", "[scan]") {
  auto f = mints("a.js",
                 "const twilio = require('twilio');\n"
                 "const t = twilio.Capability(sid, tok) // 2.x chain\n"
                 "  .allowClientIncoming('alice') /* incoming */\n"
                 "  // .allowClientOutgoing('APold')\n"
                 "  .allowClientOutgoing('AP0123456789abcdef0123456789abcdef', { a: '1' })\n"
                 "  .generate(60 * 10);\n");
  REQUIRE(f.size() == 1);
  CHECK(value(f[0], "incoming_client_name") == "alice");
  CHECK(value(f[0], "outgoing_application_sid") == "AP0123456789abcdef0123456789abcdef");
  CHECK(value(f[0], "ttl") == "600");
  CHECK(f[0].location.line == 2);
}

TEST_CASE("a name bound again starts a new construct; each keeps its own calls", "[scan]") {
  auto f = mints("a.py",
                 "from twilio.util import TwilioCapability\n"
                 "cap = TwilioCapability(sid, tok)\n"
                 "cap.allow_client_incoming('first')\n"
                 "t1 = cap.generate()\n"
                 "cap = TwilioCapability(sid, tok)\n"
                 "cap.allow_client_incoming('second')\n"
                 "t2 = cap.generate(ttl)\n");
  REQUIRE(f.size() == 2);
  CHECK(value(f[0], "incoming_client_name") == "first");
  CHECK(value(f[1], "incoming_client_name") == "second");
  CHECK(value(f[0], "ttl") == "<absent>");
  CHECK(value(f[1], "ttl") == "<unknown:ttl>");
}

TEST_CASE("aliases of the capability class are followed", "[scan]") {
  CHECK(
      mints("a.py",
            "from twilio.jwt.client import ClientCapabilityToken as CCT\nt = CCT(a, b)\nt.allow_client_incoming('x')\n")
          .size() == 1);
  auto js = mints("a.js",
                  "const CC = require('twilio').jwt.ClientCapability;\n"
                  "const c = new CC({ accountSid: a, authToken: b });\n"
                  "c.addScope(new CC.IncomingClientScope('bob'));\n");
  REQUIRE(js.size() == 1);
  CHECK(value(js[0], "incoming_client_name") == "bob");
}

TEST_CASE("values: constants resolve, rebound names and run-time values do not", "[scan]") {
  auto f = mints("a.js",
                 "const twilio = require('twilio');\n"
                 "const APP = 'AP0123456789abcdef0123456789abcdef';\n"
                 "let who = 'a'; who = req.user;\n"
                 "const cap = new twilio.Capability(process.env.SID, process.env.TOKEN);\n"
                 "cap.allowClientOutgoing(APP);\n"
                 "cap.allowClientIncoming(who);\n"
                 "cap.generate();\n");
  REQUIRE(f.size() == 1);
  CHECK(value(f[0], "outgoing_application_sid") == "AP0123456789abcdef0123456789abcdef");
  CHECK(value(f[0], "incoming_client_name") == "<unknown:who>");
  CHECK(value(f[0], "auth_token") == "<unknown:process.env.TOKEN>");
  REQUIRE(f[0].mapping);
  CHECK(f[0].mapping->ttl_value() == 3600);  // twilio-node's default, not ttl-unknown
  CHECK_FALSE(has_diag(f[0], "ttl-unknown"));
}

TEST_CASE("the mapping table's diagnostics apply to code too", "[scan]") {
  auto f = mints("a.rb",
                 "require 'twilio-ruby'\n"
                 "capability = Twilio::JWT::ClientCapability.new(sid, tok, ttl: 172800)\n"
                 "capability.add_scope(Twilio::JWT::ClientCapability::IncomingClientScope.new('alice'))\n"
                 "capability.add_scope(Twilio::JWT::ClientCapability::OutgoingClientScope.new('AP1', 'bob'))\n"
                 "capability.add_scope(Twilio::JWT::ClientCapability::EventStreamScope.new)\n");
  REQUIRE(f.size() == 1);
  CHECK(has_diag(f[0], "identity-conflict"));
  CHECK(has_diag(f[0], "ttl-exceeds-max"));
  CHECK(has_diag(f[0], "event-stream-unsupported"));
  CHECK(f[0].mapping->identity_value() == "alice");
  CHECK(f[0].mapping->ttl_value() == 86400);
}

TEST_CASE("a literal auth token is one redacted secret finding, however often it is used", "[scan]") {
  auto all = findings(
      "A.java",
      "import com.twilio.sdk.client.TwilioCapability;\n"
      "class T {\n"
      "  static final String TOKEN = \"e3b0c44298fc1c149afbf4c8996fb924\";\n"
      "  String a() { TwilioCapability c = new TwilioCapability(\"AC1\", TOKEN); c.allowClientIncoming(\"x\"); return "
      "c.generateToken(); }\n"
      "  String b() { TwilioCapability c = new TwilioCapability(\"AC1\", TOKEN); return c.generateToken(60); }\n"
      "}\n");
  int secrets = 0;
  for (const auto& f : all) {
    CHECK(f.snippet.find("e3b0c44298fc1c149afbf4c8996fb924") == std::string::npos);
    for (const auto& [k, p] : f.capability.fields) CHECK(p.text.find("c44298fc1c") == std::string::npos);
    if (f.category == Category::hardcoded_secret) {
      ++secrets;
      CHECK(f.location.line == 3);
      CHECK(value(f, "auth_token") == "e3b0\u2026");
    }
  }
  CHECK(secrets == 1);
}

TEST_CASE("placeholders are not secrets", "[scan]") {
  for (const char* tok : {"your_auth_token", "[AuthToken]", "{{auth_token}}", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}) {
    const std::string src = std::string("from twilio.util import TwilioCapability\ncap = TwilioCapability('AC1', '") +
                            tok + "')\ncap.generate()\n";
    for (const auto& f : findings("a.py", src)) CHECK(f.category != Category::hardcoded_secret);
  }
}

TEST_CASE("an API key secret is a redacted secret finding where it is named or follows an SK SID", "[scan]") {
  auto secrets = [](std::string_view path, std::string_view src) {
    std::vector<Finding> out;
    for (auto& f : findings(path, src))
      if (f.rule_id == "hardcoded-api-key-secret") out.push_back(std::move(f));
    return out;
  };
  const auto named = secrets("settings.py", "# twilio\nTWILIO_API_SECRET = 'm1T6pQ9wXz3LkR8vN2bC5yH7dF4gJ0sA'\n");
  REQUIRE(named.size() == 1);
  CHECK(named[0].snippet.find("m1T6pQ9w") == std::string::npos);
  CHECK(named[0].message.find("m1T6\u2026") != std::string::npos);
  // The third argument, one per line, after a literal SK… SID.
  CHECK(
      secrets(
          "token.js",
          "const { AccessToken } = require('twilio').jwt;\nnew AccessToken(\n  'AC0123456789abcdef0123456789abcdef',\n"
          "  'SK0123456789abcdef0123456789abcdef',\n  'Zx8Cv7Bn6Qw5Er4Ty3Ui2Op1As9Df0Gh',\n  { identity: 'a' });\n")
          .size() == 1);
  // Not one: no Twilio in the file, a placeholder, another service's secret, a 32-letter word.
  CHECK(secrets("oauth.py", "API_SECRET = 'm1T6pQ9wXz3LkR8vN2bC5yH7dF4gJ0sA'\n").empty());
  CHECK(secrets("settings.py", "# twilio\nTWILIO_API_SECRET = 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'\n").empty());
  CHECK(secrets("settings.py", "# twilio\nSESSION_SECRET = 'm1T6pQ9wXz3LkR8vN2bC5yH7dF4gJ0sA'\n").empty());
  CHECK(secrets("settings.py", "# twilio\nSTRIPE_API_SECRET = 'm1T6pQ9wXz3LkR8vN2bC5yH7dF4gJ0sA'\n").empty());
  CHECK(secrets("settings.py", "# twilio\ncfg = {'apiSecret': 'm1T6pQ9wXz3LkR8vN2bC5yH7dF4gJ0sA'}\n").size() == 1);
  CHECK(secrets("settings.py", "# twilio\nTWILIO_API_SECRET = 'YourApiKeySecretGoesHereForStage'\n").empty());
}

TEST_CASE("a bundled copy of the library constructing itself is not a mint", "[scan]") {
  // A browserified twilio-node 1.x (probe C2 084): its own constructor guard.
  const auto all = findings("public/twilio_client.js",
                            "// twilio\nfunction Capability(sid, tkn) {\n"
                            "  if (!(this instanceof Capability)) { return new Capability(sid, tkn); }\n"
                            "  this.accountSid = sid;\n  this.authToken = tkn;\n}\nmodule.exports = Capability;\n");
  for (const auto& f : all) CHECK(f.rule_id != "node-twilio-capability");
}

TEST_CASE("TaskRouter and Access Token code are not capability mints", "[scan]") {
  CHECK(findings("a.js",
                 "const twilio = require('twilio');\n"
                 "const c = new twilio.jwt.taskrouter.TaskRouterCapability({ accountSid: a, authToken: b, "
                 "workspaceSid: w, channelId: c });\n"
                 "const { AccessToken } = require('twilio').jwt;\n"
                 "const t = new AccessToken(a, k, s, { identity: 'x' });\n"
                 "t.addGrant(new AccessToken.VoiceGrant({ incomingAllow: true }));\n"
                 "t.toJwt();\n")
            .empty());
}

TEST_CASE("scan: a helper's callers in other files: one caller merged, two of a factory not", "[scan]") {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "capmig-helpers-XXXXXX").string();
  REQUIRE(mkdtemp(tmpl.data()));
  const fs::path dir = tmpl;
  auto write = [&](const std::string& name, std::string_view text) { std::ofstream(dir / name) << text; };
  write("twilio-cap.js",
        "var twilio = require('twilio');\n"
        "exports.make = function make() { return new twilio.Capability(process.env.A, process.env.B); };\n");
  const char* caller =
      "var caps = require('./twilio-cap');\n"
      "exports.route = function (req, res) {\n"
      "  var c = caps.make();\n"
      "  c.allowClientIncoming(req.query.who);\n"
      "  res.send(c.generate(900));\n"
      "};\n";
  write("route-a.js", caller);
  // An unrelated module with a `make` of its own: not an import of the helper's file.
  write("other.js", "var shapes = require('./shapes');\nvar s = shapes.make();\ns.allowClientIncoming('x');\n");
  static const auto rules = load_rules({});
  REQUIRE(rules.ok());
  ScanOptions o;
  o.walk.roots = {dir};
  o.match.table = &capmig::map::MappingTable::builtin();
  auto helper = [&] {
    for (const auto& f : capmig::scan::scan(o, *rules).findings)
      if (f.path == "twilio-cap.js" && f.category == Category::capability_mint) return f;
    FAIL("no helper finding");
    return Finding{};
  };
  const Finding one = helper();
  CHECK(value(one, "incoming_client_name") == "<unknown:req.query.who>");
  CHECK(value(one, "ttl") == "900");
  // Many exported helpers (the files are then searched word by word, not name by name).
  for (int i = 0; i < 9; ++i)
    write("h" + std::to_string(i) + ".js", "var twilio = require('twilio');\nexports.mk" + std::to_string(i) +
                                               " = function mk" + std::to_string(i) +
                                               "() { return new twilio.Capability(a, b); };\n");
  CHECK(value(helper(), "ttl") == "900");
  // A second caller: each call builds another object, so neither is that construct.
  write("route-b.js", caller);
  const Finding two = helper();
  CHECK(value(two, "incoming_client_name") == "<absent>");
  CHECK(value(two, "ttl") == "<absent>");
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// The walk looks for the helper names it knows in each file it reads; the repository pass
// reads again only files that name one or were read before a name was known. Marking a
// caller "looked at, not named" (which the walk would only do where the name is absent)
// shows the pass trusts that and skips the file.
TEST_CASE("scan: the repository pass rereads only files the walk could not rule out", "[scan]") {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "capmig-reread-XXXXXX").string();
  REQUIRE(mkdtemp(tmpl.data()));
  const fs::path dir = tmpl;
  std::ofstream(dir / "route.js") << "var caps = require('./twilio-cap');\nvar c = caps.make();\n"
                                     "c.allowClientIncoming(who);\nsend(c.generate(900));\n";
  static const auto rules = load_rules({});
  REQUIRE(rules.ok());
  ScanOptions o;
  o.walk.roots = {dir};
  o.match.table = &capmig::map::MappingTable::builtin();
  const std::vector<Finding> found =
      scan_source("twilio-cap.js",
                  "var twilio = require('twilio');\n"
                  "exports.make = function make() { return new twilio.Capability(process.env.A, process.env.B); };\n",
                  *rules, o.match);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].exported_helper == "make");
  HelperNames names;
  auto ttl_after = [&](CodeFile cf, const HelperNames* walked) {
    std::vector<Finding> findings = found;
    follow_exported_helpers(o, *rules, {cf}, findings, walked);
    return value(findings[0], "ttl");
  };
  const CodeFile before{"route.js", (dir / "route.js").string(), 0, false};  // read before "make" was known
  CHECK(ttl_after(before, &names) == "900");
  CHECK(ttl_after(before, nullptr) == "900");
  names.add(found);
  CHECK(ttl_after(before, &names) == "900");
  CHECK(ttl_after({"route.js", (dir / "route.js").string(), 1, true}, &names) == "900");
  CHECK(ttl_after({"route.js", (dir / "route.js").string(), 1, false}, &names) == "<absent>");
  CodeFile looked{"route.js", (dir / "route.js").string()};
  names.check("var c = caps.make();", Language::typescript, looked);
  CHECK((looked.checked == 1 && looked.named));
  names.check("var c = caps.build();", Language::javascript, looked);
  CHECK((looked.checked == 1 && !looked.named));
  names.check("c = caps.make()", Language::python, looked);  // a JavaScript helper: not looked for
  CHECK((looked.checked == 1 && !looked.named));
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("scan: a provided object is tied to the one construct that builds it", "[scan]") {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "capmig-provided-XXXXXX").string();
  REQUIRE(mkdtemp(tmpl.data()));
  const fs::path dir = tmpl;
  auto write = [&](const std::string& name, std::string_view text) { std::ofstream(dir / name) << text; };
  write("Provider.php",
        "<?php\nuse Twilio\\Jwt\\ClientToken;\nclass TwilioProvider {\n  public function register() {\n"
        "    $this->app->singleton(ClientToken::class, function ($app) {\n"
        "      return new ClientToken(env('TWILIO_SID'), env('TWILIO_TOKEN'));\n    });\n  }\n}\n");
  write("TokenController.php",
        "<?php\nuse Twilio\\Jwt\\ClientToken;\nclass TokenController {\n"
        "  public function token(Request $request, ClientToken $clientToken) {\n"
        "    $clientToken->allowClientIncoming($request->user()->name);\n"
        "    return $clientToken->generateToken();\n  }\n}\n");
  static const auto rules = load_rules({});
  REQUIRE(rules.ok());
  ScanOptions o;
  o.walk.roots = {dir};
  o.match.table = &capmig::map::MappingTable::builtin();
  auto find = [&](const std::string& path) {
    for (const auto& f : capmig::scan::scan(o, *rules).findings)
      if (f.path == path && f.category == Category::capability_mint) return f;
    FAIL("no capability-mint in " << path);
    return Finding{};
  };
  const Finding receiver = find("TokenController.php");
  REQUIRE(receiver.provided_by);
  CHECK(receiver.provided_by->path == "Provider.php");
  CHECK(receiver.provided_by->line == 6);
  CHECK(value(receiver, "auth_token") == "<unknown:env('TWILIO_TOKEN')>");
  REQUIRE(find("Provider.php").provides.size() == 1);
  // The same binding in a second provider: still one way of building it.
  write("Provider2.php",
        "<?php\nuse Twilio\\Jwt\\ClientToken;\nclass Other {\n  function make() {\n"
        "    return new ClientToken(env('TWILIO_SID'), env('TWILIO_TOKEN'));\n  }\n}\n");
  CHECK(find("TokenController.php").provided_by);
  // Different credentials elsewhere (a test binding): which one the container uses is not code.
  write("Provider2.php",
        "<?php\nuse Twilio\\Jwt\\ClientToken;\nclass Other {\n  function make() {\n"
        "    return new ClientToken('ACtest', env('TEST_TOKEN'));\n  }\n}\n");
  const Finding untied = find("TokenController.php");
  CHECK_FALSE(untied.provided_by);
  CHECK(value(untied, "auth_token") == "<absent>");
  CHECK(find("Provider.php").provides.empty());
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("scan: a local of another class does not hide a field used without this.", "[scan]") {
  const char* src =
      "import com.twilio.sdk.client.TwilioCapability;\n"
      "public class Tokens {\n"
      "  private final TwilioCapability capability;\n"
      "  public Tokens(TwilioCapability capability) { this.capability = capability; }\n"
      "  public String token(String agent) {\n"
      "    capability.allowClientIncoming(agent);\n"
      "    return capability.generateToken(600);\n"
      "  }\n"
      "}\n"
      "final class Workers {\n"
      "  String worker() {\n"
      "    Object capability = build();\n"
      "    return capability.toString();\n"
      "  }\n"
      "}\n";
  const auto found = mints("Tokens.java", src);
  REQUIRE(found.size() == 1);
  CHECK(value(found[0], "ttl") == "600");
  CHECK(value(found[0], "incoming_client_name") == "<unknown:agent>");
}

TEST_CASE("an incoming scope added in a loop names several clients: identity-conflict", "[scan]") {
  struct Case {
    const char* path;
    std::string src;
    bool loop;
  };
  const std::vector<Case> cases = {
      {"a.js",
       "var twilio = require('twilio');\nfunction t(names) {\n  var cap = new twilio.Capability(SID, TOK);\n"
       "  names.forEach(function (n) { cap.allowClientIncoming(n); });\n  return cap.generate();\n}\n",
       true},
      {"b.js",
       "var twilio = require('twilio');\nfunction t(names) {\n  var cap = new twilio.Capability(SID, TOK);\n"
       "  for (var i = 0; i < names.length; i++) {\n    cap.allowClientIncoming(names[i]);\n  }\n"
       "  return cap.generate();\n}\n",
       true},
      {"c.py",
       "from twilio.util import TwilioCapability\ndef t(names):\n    cap = TwilioCapability(SID, TOK)\n"
       "    for n in names:\n        cap.allow_client_incoming(n)\n    return cap.generate()\n",
       true},
      {"d.rb",
       "require 'twilio-ruby'\ndef t(names)\n  cap = Twilio::Util::Capability.new SID, TOK\n"
       "  names.each do |n|\n    cap.allow_client_incoming n\n  end\n  cap.generate\nend\n",
       true},
      {"e.coffee",
       "twilio = require 'twilio'\nt = (names) ->\n  cap = new twilio.Capability SID, TOK\n"
       "  cap.allowClientIncoming n for n in names\n  cap.generate()\n",
       true},
      {"h.js",
       "var twilio = require('twilio');\nasync function t(names) {\n  var cap = new twilio.Capability(SID, TOK);\n"
       "  await Promise.all(names.map(async (n) => {\n    cap.allowClientIncoming(n);\n  }));\n"
       "  return cap.generate();\n}\n",
       true},
      {"i.py",
       "from twilio.util import TwilioCapability\ndef t(names):\n    cap = TwilioCapability(SID, TOK)\n"
       "    [cap.allow_client_incoming(n) for n in names]\n    return cap.generate()\n",
       true},
      // Not a loop: a loop that ended before the call, a condition, a .map in the argument.
      {"f.js",
       "var twilio = require('twilio');\nfunction t(users, ok) {\n  var cap = new twilio.Capability(SID, TOK);\n"
       "  for (var i = 0; i < 3; i++) {\n    log(i);\n  }\n  if (ok) {\n    cap.allowClientIncoming(users.map(u => "
       "u.id)[0]);\n"
       "  }\n  return cap.generate();\n}\n",
       false},
      {"g.py",
       "from twilio.util import TwilioCapability\ndef t(names):\n    for n in names:\n        log(n)\n"
       "    cap = TwilioCapability(SID, TOK)\n    cap.allow_client_incoming(names[0])\n    return cap.generate()\n",
       false},
      // A comprehension in a condition above the call, or in an argument beside it: no loop.
      {"j.py",
       "from twilio.util import TwilioCapability\ndef t(names):\n    cap = TwilioCapability(SID, TOK)\n"
       "    if any(n for n in names):\n        cap.allow_client_incoming(names[0])\n    return cap.generate()\n",
       false},
      {"k.py",
       "from twilio.util import TwilioCapability\ndef t(names):\n    cap = TwilioCapability(SID, TOK)\n"
       "    if any(n for n in names): cap.allow_client_incoming(names[0])\n    return cap.generate()\n",
       false},
  };
  for (const auto& c : cases) {
    INFO(c.path);
    auto f = mints(c.path, c.src);
    REQUIRE(f.size() == 1);
    CHECK(has_diag(f[0], "identity-conflict") == c.loop);
  }
}

TEST_CASE("a regex rule \"within\": \"string\" counts matches inside string literals only", "[scan]") {
  const auto ids = [](const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.rule_id);
    return out;
  };
  // Python writes the page's script: a string.
  CHECK(ids(findings("views.py",
                     "# Twilio.Device.setup(token) ran here once\n"
                     "def page(token):\n"
                     "    return '<script>Twilio.Device.setup(\"%s\");</script>' % token\n")) ==
        std::vector<std::string>{"client-twiliojs-setup-emitted"});
  // JavaScript that calls it is code, found by its own rule; a template literal writing it is a string.
  CHECK(ids(findings("phone.js", "var twilio = 1;\nTwilio.Device.setup(token);\n")) ==
        std::vector<std::string>{"client-twiliojs-setup"});
  CHECK(ids(findings("server.js", "res.send(`<script>Twilio.Device.setup('${token}')</script>`);\n")) ==
        std::vector<std::string>{"client-twiliojs-setup-emitted"});
}

TEST_CASE("name=value in a call is a named argument only where the language has them", "[scan]") {
  // Ruby (and JavaScript) assign and pass the value: generate(expires=600) is a 600 s token.
  auto rb = mints("a.rb",
                  "require 'twilio-ruby'\ncap = Twilio::Util::Capability.new(SID, TOK)\n"
                  "cap.allow_client_incoming 'alice'\n@token = cap.generate(expires=600)\n");
  REQUIRE(rb.size() == 1);
  CHECK(rb[0].capability.fields.at("ttl").text == "expires=600");
  REQUIRE(rb[0].mapping);
  CHECK(rb[0].mapping->ttl_value() == 600);
  // Python names it: generate(ttl=600) is the ttl keyword.
  auto py = mints("a.py",
                  "from twilio.util import TwilioCapability\ncap = TwilioCapability(SID, TOK)\n"
                  "cap.allow_client_incoming('alice')\ntoken = cap.generate(expires=600)\n");
  REQUIRE(py.size() == 1);
  REQUIRE(py[0].mapping);
  CHECK(py[0].mapping->ttl_value() == 600);
}
