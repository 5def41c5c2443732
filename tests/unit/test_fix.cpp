// capmig fix on small, targeted sources: what is rewritten, what needs input and why, and
// the text-level guarantees (diff format, blank lines, style, atomic writes).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "analyzer/fix/atomic_write.h"
#include "analyzer/fix/construct_rewrite.h"
#include "analyzer/fix/fixer.h"
#include "analyzer/fix/library_code.h"
#include "analyzer/fix/text_edit.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

using namespace capmig;
using namespace capmig::fix;

namespace {

const scan::RuleSet& rules() {
  static const auto r = scan::load_rules({});
  REQUIRE(r.ok());
  return *r;
}

struct Fixed {
  std::vector<Rewrite> rewrites;
  std::string patched;  // == the source when nothing changed
  std::string diff;
};

// Unless a test says otherwise, the file's project has moved to a current helper library
// (what the rewrite mechanics are tested under); the generation checks have their own tests.
std::optional<PackagePin> upgraded_project(Ecosystem eco, const std::string&) {
  PackagePin p;
  p.manifest = "lock";
  p.spec = "99.0.0";
  p.range = parse_range(p.spec, eco);
  p.locked = true;
  return p;
}

Fixed run_fix_on(std::string_view path, std::string_view src, std::optional<std::string> identity = std::nullopt,
                 decltype(FileContext::pins) pins = upgraded_project, bool library_upgraded = false) {
  scan::MatchOptions mo;
  mo.table = &capmig::map::MappingTable::builtin();
  mo.now = 1700000000;
  scan::ParsedFile parsed;
  const auto found = scan::scan_source(path, src, rules(), mo, &parsed);
  std::vector<const scan::Finding*> mints;
  for (const auto& f : found)
    if (f.category == scan::Category::capability_mint) mints.push_back(&f);
  RewriteOptions ro;
  ro.identity = std::move(identity);
  ro.library_upgraded = library_upgraded;
  auto ff = parsed.file ? fix_source(parsed, path, mints, rules(), ro, std::move(pins)) : FileFix{};
  Fixed out{std::move(ff.rewrites), std::string(src), ""};
  if (ff.patch) {
    out.patched = ff.patched;
    out.diff = ff.patch->diff;
  }
  return out;
}

bool contains(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

// The one construct's reason, or "" when it was rewritten.
std::string reason(const Fixed& f) {
  REQUIRE(f.rewrites.size() == 1);
  return f.rewrites[0].reasons.empty() ? std::string() : f.rewrites[0].reasons[0];
}

// After the patch, a scan finds no capability construct left (and fix has nothing to do).
void check_idempotent(std::string_view path, const Fixed& f) {
  const auto again = run_fix_on(path, f.patched);
  CHECK(again.rewrites.empty());
  CHECK(again.diff.empty());
}

}  // namespace

TEST_CASE("fix: node 2.x construct becomes AccessToken code in place", "[fix]") {
  const std::string src =
      "'use strict';\n"
      "const twilio = require('twilio');\n"
      "\n"
      "function tokenFor(user) {\n"
      "  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming(user);\n"
      "  capability.allowClientOutgoing(process.env.APP_SID, { plan: 'gold' });\n"
      "  return capability.generate(600);\n"
      "}\n";
  const auto f = run_fix_on("a.js", src);
  REQUIRE(reason(f).empty());
  CHECK(f.patched ==
        "'use strict';\n"
        "const { AccessToken } = require('twilio').jwt;\n"
        "\n"
        "function tokenFor(user) {\n"
        "  const accessToken = new AccessToken(\n"
        "    process.env.TWILIO_ACCOUNT_SID,\n"
        "    process.env.TWILIO_API_KEY_SID,\n"
        "    process.env.TWILIO_API_KEY_SECRET,\n"
        "    { identity: user, ttl: 600 }\n"
        "  );\n"
        "  accessToken.addGrant(new AccessToken.VoiceGrant({\n"
        "    incomingAllow: true,\n"
        "    outgoingApplicationSid: process.env.APP_SID,\n"
        "    outgoingApplicationParams: { plan: 'gold' },\n"
        "  }));\n"
        "  return accessToken.toJwt();\n"
        "}\n");
  CHECK(contains(f.diff, "--- a/a.js\n+++ b/a.js\n@@ -1,9 +1,17 @@\n"));
  check_idempotent("a.js", f);
  // Mixed tabs and spaces (seen in real token routes) do not nest a statement in braces.
  std::string mixed = src;
  mixed.replace(mixed.find("  capability.allowClientIncoming"), 2, "\t    ");
  CHECK(reason(run_fix_on("a.js", mixed)).empty());
}

TEST_CASE("fix: python keeps CRLF, tabs, quotes, and the variable the token was assigned to", "[fix]") {
  const std::string src =
      "from twilio.jwt.client import ClientCapabilityToken\r\n"
      "\r\n"
      "def token_for(user):\r\n"
      "\tcap = ClientCapabilityToken(\"AC0123456789abcdef0123456789abcdef\", settings.TWILIO_AUTH_TOKEN, ttl=120)\r\n"
      "\tcap.allow_client_incoming(user)\r\n"
      "\ttoken = cap.to_jwt()\r\n"
      "\treturn token\r\n";
  const auto f = run_fix_on("a.py", src);
  REQUIRE(reason(f).empty());
  CHECK(contains(f.patched, "\ttoken = access_token.to_jwt()\r\n\treturn token\r\n"));
  CHECK(contains(f.patched,
                 "\taccess_token = AccessToken(\r\n\t\t\"AC0123456789abcdef0123456789abcdef\",\r\n"
                 "\t\tsettings.TWILIO_API_KEY_SID,\r\n\t\tsettings.TWILIO_API_KEY_SECRET,\r\n"));
  CHECK(contains(f.patched, "from twilio.jwt.access_token import AccessToken\r\n"));
  CHECK(!contains(f.patched, "ClientCapabilityToken"));
  CHECK(!contains(f.patched, "import os"));  // the API key comes from settings: os is not needed
  // Every line ends in CRLF, none in a bare LF or a doubled CR.
  for (std::size_t i = 0; i < f.patched.size(); ++i)
    if (f.patched[i] == '\n') CHECK((i > 0 && f.patched[i - 1] == '\r' && (i < 2 || f.patched[i - 2] != '\r')));
  REQUIRE(f.rewrites[0].notes.size() == 1);
  CHECK(contains(f.rewrites[0].notes[0], "settings.TWILIO_API_KEY_SID"));
  check_idempotent("a.py", f);
}

TEST_CASE("fix: what is not provably the same token needs input, with the reason", "[fix]") {
  // A node 2.x function around each body: c is the capability, bound after `new`.
  const std::string head = "const twilio = require('twilio');\nfunction t(user, ok) {\n";
  const std::string ctor = "  const c = new twilio.Capability(a, b);\n  c.allowClientIncoming(user);\n";
  struct Case {
    const char* path;
    std::string source;
    const char* reason;
  };
  const std::vector<Case> cases{
      {"a.js", head + ctor + "  return c;\n}\n", "not generated in this file"},
      // A brace-less if, however it is indented, nests the call or the constructor.
      {"a.js",
       head + ctor +
           "  if (ok)\n  c.allowClientOutgoing('AP0123456789abcdef0123456789abcdef');\n  return c.generate();\n}\n",
       "conditionally or in a loop"},
      {"a.js",
       head + "  if (ok) var c = new twilio.Capability(a, b);\n  c.allowClientIncoming(user);\n  return "
              "c.generate();\n}\n",
       "created under a condition"},
      // An incoming scope under a condition makes the identity conditional.
      {"a.js",
       head + "  const c = new twilio.Capability(a, b);\n  c.allowClientOutgoing(app);\n"
              "  if (ok) {\n    c.allowClientIncoming(user);\n  }\n  return c.generate();\n}\n",
       "conditionally or in a loop"},
      // A conditional outgoing scope naming another client than the incoming one: the identity differs.
      {"b.js",
       "const { jwt: { ClientCapability } } = require('twilio');\nfunction t(user, ok) {\n"
       "  const c = new ClientCapability({ accountSid: a, authToken: b });\n"
       "  c.addScope(new ClientCapability.IncomingClientScope(user));\n"
       "  if (ok) {\n    c.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: app, clientName: 'ops' "
       "}));\n  }\n  return c.toJwt();\n}\n",
       "conditionally or in a loop"},
      // Two outgoing scopes, one per branch: which one is the grant's is the branch's.
      {"c.js",
       head + ctor +
           "  if (ok) {\n    c.allowClientOutgoing(app1);\n  } else {\n    c.allowClientOutgoing(app2);\n  }\n"
           "  return c.generate();\n}\n",
       "conditionally or in a loop"},
      {"a.js", head + ctor + "  register(c);\n  return c.generate();\n}\n", "used beyond its method calls"},
      {"a.js", head + ctor + "  console.log('c', c, audit(user));\n  return c.generate();\n}\n",
       "used beyond its method calls"},
      {"a.js", head + ctor + "  if (ok) console.log(c);\n  return c.generate();\n}\n", "used beyond its method calls"},
      {"a.js",
       head + "  this.c = new twilio.Capability(a, b);\n  this.c.allowClientIncoming(user);\n  return "
              "this.c.generate();\n}\n",
       "which other code can reach"},
      {"a.js", head + ctor + "  log(`issuing ${c.generate()}`);\n  return c.generate();\n}\n",
       "inside a string's interpolation"},
      {"a.js", head + ctor + "  user = 'other';\n  return c.generate();\n}\n",
       "user is assigned again before the token is generated"},
      // Several statements in place of a brace-less body would leave the condition only the first.
      {"a.js", head + ctor + "  if (ok)\n    res.send(c.generate());\n  else\n    res.send('no');\n}\n",
       "whole body of a brace-less if/else/loop (line 6)"},
      {"a.js",
       head + "  const c = new twilio.Capability(a, b);\n  "
              "c.allowClientOutgoing('AP0123456789abcdef0123456789abcdef');\n  return c.generate();\n}\n",
       "identity-missing"},
      {"a.js",
       head + ctor +
           "  c.allowClientOutgoing('AP0123456789abcdef0123456789abcdef', { tag: ['a', 'b'] });\n  return "
           "c.generate();\n}\n",
       "several values"},
      {"a.php",
       "<?php\nuse Twilio\\Jwt\\ClientToken;\nfunction t($u) {\n    $c = new ClientToken($a, $b);\n"
       "    $c->allowClientIncoming($u);\n    $c->addClaim('x', 'y');\n    return $c->generateToken();\n}\n",
       "unknown call .addClaim()"},
      {"a.py",
       "from twilio.jwt.client import ClientCapabilityToken\ndef t(names):\n    c = ClientCapabilityToken(a, b)\n"
       "    for n in names:\n        c.allow_client_incoming(n)\n    return c.to_jwt()\n",
       "conditionally or in a loop"},
      {"a.kt",
       "import com.twilio.jwt.client.*\nfun t(u: String): String {\n"
       "    val c = ClientCapability.Builder(sid, tok).scopes(listOf(IncomingClientScope(u))).build()\n    return "
       "c.toJwt()\n}\n",
       "no Access Token template for kotlin"},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    CHECK(contains(reason(run_fix_on(c.path, c.source)), c.reason));
  }
  // Two tokens from one object: the construct and the second token each say why.
  const auto twice = run_fix_on("a.js", head + ctor + "  const x = c.generate();\n  return [x, c.generate(60)];\n}\n");
  REQUIRE(twice.rewrites.size() == 2);
  CHECK(contains(twice.rewrites[0].reasons.at(0), "generated 2 times"));
  CHECK(contains(twice.rewrites[1].reasons.at(0), "built on line 3"));
  CHECK(twice.diff.empty());
}

TEST_CASE("fix: a patch writes each parameter's source expression, never a value in place of a name", "[fix]") {
  // The client name has a fallback on one path only; the app SID and the params are named
  // constants the owner maintains; the ttl is a constant too. The scanner may know a value for
  // each, but the Access Token must read the same names at run time.
  const Fixed f = run_fix_on(
      "token.js",
      "const twilio = require('twilio');\n"
      "const APP_SID = 'AP0123456789abcdef0123456789abcdef';\n"
      "const TOKEN_TTL = 600;\n"
      "const PARAMS = { queue: 'vip' };\n"
      "function token(name) {\n"
      "  if (!name) { name = 'default'; }\n"
      "  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming(name);\n"
      "  capability.allowClientOutgoing(APP_SID, PARAMS);\n"
      "  return capability.generate(TOKEN_TTL);\n"
      "}\n");
  INFO(f.patched);
  REQUIRE(reason(f).empty());
  CHECK(contains(f.patched, "identity: name"));
  CHECK(contains(f.patched, "ttl: TOKEN_TTL"));
  CHECK(contains(f.patched, "outgoingApplicationSid: APP_SID,"));
  CHECK(contains(f.patched, "outgoingApplicationParams: PARAMS,"));
  CHECK(!contains(f.patched, "'default' }"));
  CHECK(!contains(f.patched, "identity: 'default'"));
  CHECK(!contains(f.patched, "'AP0123456789abcdef0123456789abcdef',\n"));
  // Literals written in the call stay literals.
  const Fixed lit = run_fix_on(
      "lit.js",
      "const twilio = require('twilio');\n"
      "function token() {\n"
      "  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming('alice');\n"
      "  capability.allowClientOutgoing('AP0123456789abcdef0123456789abcdef', { queue: 'vip' });\n"
      "  return capability.generate(600);\n"
      "}\n");
  INFO(lit.patched);
  REQUIRE(reason(lit).empty());
  CHECK(contains(lit.patched, "identity: 'alice', ttl: 600"));
  CHECK(contains(lit.patched, "outgoingApplicationSid: 'AP0123456789abcdef0123456789abcdef'"));
}

TEST_CASE("fix: new imports never land inside a declaration list", "[fix]") {
  const Fixed f = run_fix_on(
      "app.js",
      "var express = require('express')\n"
      "  , twilio = require('twilio')\n"
      "  , app = express();\n"
      "\n"
      "app.get('/token', function (req, res) {\n"
      "  var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming(req.query.name);\n"
      "  res.send(capability.generate());\n"
      "});\n");
  INFO(f.patched);
  REQUIRE(reason(f).empty());
  // Before the list, which stays whole (it declares express and app too).
  CHECK(
      f.patched.starts_with("const { AccessToken } = require('twilio').jwt;\n\nvar express = require('express')\n"
                            "  , twilio = require('twilio')\n  , app = express();\n"));
}

TEST_CASE("fix: helper-library code and its tests are never patched", "[fix]") {
  // A copy of twilio-php 4's own test suite, vendored into an application.
  const std::string test =
      "<?php\n"
      "require_once 'Services/Twilio/Capability.php';\n"
      "class CapabilityTest extends PHPUnit_Framework_TestCase {\n"
      "  function testIncoming() {\n"
      "    $token = new Services_Twilio_Capability('AC123', 'foo');\n"
      "    $token->allowClientIncoming('andy');\n"
      "    $payload = JWT::decode($token->generateToken(), 'foo');\n"
      "    $this->assertEquals('scope:client:incoming?clientName=andy', $payload->scope);\n"
      "  }\n"
      "}\n";
  Fixed f = run_fix_on("tests/CapabilityTest.php", test);
  REQUIRE(!f.rewrites.empty());  // the construct, and the scope string it asserts
  for (const auto& rw : f.rewrites) CHECK(rw.reason_code == "library-test");
  CHECK(f.patched == test);
  f = run_fix_on("vendor-copy/Services/Twilio/Capability.php",
                 "<?php\n$c = new Services_Twilio_Capability($sid, $tok);\n$c->allowClientIncoming('a');\necho "
                 "$c->generateToken();\n");
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "vendored-library");
  // A file that defines the capability class is the library, wherever it sits.
  CHECK(library_code("lib/capability.rb", "module Twilio\n  module Util\n    class Capability\n  end\nend\n") ==
        std::nullopt);
  CHECK(library_code("src/ClientCapability.java", "public class ClientCapability extends Jwt {\n}\n")->code ==
        "vendored-library");
  CHECK(library_code("src/TokenService.java", "public class ClientCapabilityService {\n}\n") == std::nullopt);
  // The app's own class named like the library's, building the library's capability inside.
  CHECK(library_code("lib/twilio_capability.rb",
                     "class TwilioCapability\n  def self.generate(who)\n    cap = "
                     "Twilio::Util::Capability.new(SID, TOKEN)\n  end\nend\n") == std::nullopt);
  CHECK(library_code("app/services/phone.rb", "cap = Twilio::JWT::ClientCapability.new(SID, AUTH_TOKEN)\n") ==
        std::nullopt);
}

TEST_CASE("fix: a C# type the file already names is written qualified", "[fix]") {
  const Fixed f =
      run_fix_on("Token.ashx.cs",
                 "using System.Web;\nusing Twilio.Jwt.Client;\n\n"
                 "public class Token : IHttpHandler\n{\n"
                 "    public void ProcessRequest(HttpContext context)\n    {\n"
                 "        var scopes = new HashSet<IScope> { new IncomingClientScope(context.Request[\"name\"]) };\n"
                 "        var capability = new ClientCapability(\"AC0123456789abcdef0123456789abcdef\", "
                 "System.Environment.GetEnvironmentVariable(\"TWILIO_AUTH_TOKEN\"), scopes: scopes);\n"
                 "        context.Response.Write(capability.ToJwt());\n    }\n"
                 "    public bool IsReusable => false;\n}\n");
  INFO(f.patched);
  REQUIRE(reason(f).empty());
  CHECK(contains(f.patched, "= new Twilio.Jwt.AccessToken.Token("));
  CHECK(contains(f.patched, "= new VoiceGrant"));  // no VoiceGrant of its own: the short name
}

TEST_CASE("fix: an AccessToken the file already binds to something else stops the rewrite", "[fix]") {
  // An OAuth model or a database class named AccessToken beside a capability mint: the new
  // code would construct that class (probe C1's repro of an app with its own AccessToken).
  const Fixed js = run_fix_on("routes/token.js",
                              "const AccessToken = require('./models/access-token');\n"
                              "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
                              "exports.token = function(req, res) {\n"
                              "  const cap = new ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID, "
                              "authToken: process.env.TWILIO_AUTH_TOKEN });\n"
                              "  cap.addScope(new ClientCapability.IncomingClientScope('bob'));\n"
                              "  res.send(cap.toJwt());\n};\n"
                              "exports.oauth = (req, res) => res.send(AccessToken.find(req.query.t));\n");
  CHECK(js.rewrites.at(0).reason_code == "name-clash");
  CHECK(contains(js.rewrites.at(0).reasons.at(0), "./models/access-token"));
  const Fixed py = run_fix_on("views.py",
                              "import os\nfrom myapp.models import AccessToken\n"
                              "from twilio.jwt.client import ClientCapabilityToken\n\n"
                              "def token():\n"
                              "    cap = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], "
                              "os.environ['TWILIO_AUTH_TOKEN'])\n"
                              "    cap.allow_client_incoming('bob')\n    return cap.to_jwt()\n");
  CHECK(py.rewrites.at(0).reason_code == "name-clash");
  const Fixed php =
      run_fix_on("CallController.php",
                 "<?php\nnamespace App\\Http\\Controllers;\n\nuse App\\Models\\AccessToken;\n"
                 "use Twilio\\Jwt\\ClientToken;\n\nclass CallController\n{\n"
                 "    public function token()\n    {\n"
                 "        $cap = new ClientToken(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'));\n"
                 "        $cap->allowClientIncoming('bob');\n        return $cap->generateToken();\n    }\n}\n");
  CHECK(php.rewrites.at(0).reason_code == "name-clash");
  const Fixed own = run_fix_on("token.py",
                               "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\n"
                               "class VoiceGrant:\n    pass\n\n"
                               "def token():\n"
                               "    cap = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], "
                               "os.environ['TWILIO_AUTH_TOKEN'])\n"
                               "    cap.allow_client_incoming('bob')\n    return cap.to_jwt()\n");
  CHECK(own.rewrites.at(0).reason_code == "name-clash");
  // The helper library's own AccessToken, already imported for another token, is reused.
  const Fixed ours = run_fix_on("token2.py",
                                "import os\nfrom twilio.jwt.access_token import AccessToken\n"
                                "from twilio.jwt.client import ClientCapabilityToken\n\n"
                                "def token():\n"
                                "    cap = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], "
                                "os.environ['TWILIO_AUTH_TOKEN'])\n"
                                "    cap.allow_client_incoming('bob')\n    return cap.to_jwt()\n");
  INFO(ours.patched);
  CHECK(reason(ours).empty());
  CHECK(contains(ours.patched, " = AccessToken(\n"));
  CHECK(!contains(ours.patched, "import AccessToken\nfrom twilio.jwt.access_token import AccessToken"));
  // The same in JavaScript, taken off the library object under its own name or destructured
  // from an alias (probe D 005): no second declaration, and a freed ClientCapability goes.
  for (const std::string take :
       {"const AccessToken = tw.jwt.AccessToken;\nconst ClientCapability = tw.jwt.ClientCapability;\n",
        "const { AccessToken, ClientCapability } = tw.jwt;\n"}) {
    const Fixed chat =
        run_fix_on("chat.js", "const tw = require('twilio');\n" + take +
                                  "exports.voice = (name) => {\n"
                                  "  const cap = new ClientCapability({ accountSid: process.env.A, "
                                  "authToken: process.env.T });\n"
                                  "  cap.addScope(new ClientCapability.IncomingClientScope(name));\n"
                                  "  return cap.toJwt();\n};\n"
                                  "exports.chat = (name) => new AccessToken(process.env.A, process.env.K, "
                                  "process.env.S, { identity: name }).toJwt();\n");
    INFO(chat.patched);
    CHECK(reason(chat).empty());
    CHECK(!contains(chat.patched, "require('twilio').jwt"));
    // (A name inside a destructuring that keeps others stays: harmless, never half-removed.)
    if (take.starts_with("const AccessToken")) CHECK(!contains(chat.patched, "ClientCapability"));
  }
}

TEST_CASE("fix: a TypeScript cast on the options object, and the destructuring the rewrite frees", "[fix]") {
  // `{…} as Opts` hid the options (probe C2 058); `const { ClientCapability } = twilio.jwt;`
  // was not read as an import, so it stayed behind unused.
  const Fixed ts =
      run_fix_on("token.ts",
                 "import twilio from 'twilio';\nconst { ClientCapability } = twilio.jwt;\n"
                 "const cap = new ClientCapability({ accountSid: SID, authToken: TOK, ttl: 120 } as Opts);\n"
                 "cap.addScope(new ClientCapability.IncomingClientScope('ann'));\n"
                 "export const jwt = cap.toJwt();\n");
  INFO(ts.patched);
  REQUIRE(reason(ts).empty());
  CHECK(contains(ts.patched, "import twilio from 'twilio';\nconst { AccessToken } = twilio.jwt;\n"));
  CHECK(!contains(ts.patched, "ClientCapability"));
  CHECK(contains(ts.patched, "  SID,\n"));
  CHECK(contains(ts.patched, "{ identity: 'ann', ttl: 120 }"));
}

TEST_CASE("fix: a capability built once at module level and given scopes per request says so", "[fix]") {
  // Scopes pile up on the one object across requests: not a condition, a shared object.
  const Fixed f =
      run_fix_on("routes/capability.js",
                 "var twilio = require('twilio');\n"
                 "var capability = new twilio.Capability(process.env.SID, process.env.TWILIO_AUTH_TOKEN);\n\n"
                 "exports.capability = function(req, res) {\n"
                 "    capability.allowClientIncoming(req.params.clientId || 'test');\n"
                 "    res.send(capability.generate(600));\n};\n");
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "object-shared");
  CHECK(
      contains(f.rewrites[0].reasons.at(0), "built once (line 2), outside the function that adds its scopes (line 5)"));
}

TEST_CASE("fix: an auth token a method of the file returns is named as that method's", "[fix]") {
  const Fixed f = run_fix_on("app/controllers/home_controller.rb",
                             "class HomeController < ApplicationController\n  def token\n"
                             "    capability = Twilio::Util::Capability.new tsid, tauthtoken\n"
                             "    capability.allow_client_incoming current_user.name\n"
                             "    render plain: capability.generate\n  end\n\n  private\n\n"
                             "  def tauthtoken\n    current_user.tauthtoken\n  end\nend\n",
                             std::nullopt, upgraded_project, true);
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "api-key-source");
  CHECK(contains(f.rewrites[0].reasons.at(0), "what the method tauthtoken (line 10) returns"));
}

TEST_CASE("fix: never an API the project's library generation lacks", "[fix][library]") {
  // The project's pin, as a manifest would give it.
  auto pinned = [](std::string spec) {
    return [spec](Ecosystem eco, const std::string&) -> std::optional<PackagePin> {
      PackagePin p;
      p.manifest = "/app/package.json";
      p.spec = spec;
      p.range = parse_range(spec, eco);
      return p;
    };
  };
  auto nothing = [](Ecosystem, const std::string&) -> std::optional<PackagePin> { return std::nullopt; };
  const std::string node2 =
      "const twilio = require('twilio');\n"
      "function tokenFor(user) {\n"
      "  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming(user);\n"
      "  return capability.generate(600);\n"
      "}\n";
  const std::string node6 =
      "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
      "function tokenFor(user) {\n"
      "  const capability = new ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID,\n"
      "                                            authToken: process.env.TWILIO_AUTH_TOKEN });\n"
      "  capability.addScope(new ClientCapability.IncomingClientScope(user));\n"
      "  return capability.toJwt();\n"
      "}\n";
  SECTION("a 2.x file in a project pinned to 2.x is left alone, naming the manifest and the release needed") {
    const auto f = run_fix_on("a.js", node2, std::nullopt, pinned("^2.11.1"));
    CHECK(f.patched == node2);
    REQUIRE(f.rewrites.size() == 1);
    CHECK(f.rewrites[0].reason_code == "library-upgrade");
    CHECK(contains(reason(f), "twilio-node 1.x-2.x"));
    CHECK(contains(reason(f), "twilio >= 3.15.0"));
    CHECK(contains(reason(f), "package.json asks for twilio ^2.11.1"));
  }
  SECTION("a 2.x file with no manifest at all: its own API says 2.x") {
    const auto f = run_fix_on("a.js", node2, std::nullopt, nothing);
    CHECK(f.rewrites[0].reason_code == "library-upgrade");
    CHECK(contains(reason(f), "no package manifest"));
    // A requirement capmig cannot bound says no more than none.
    CHECK(run_fix_on("a.js", node2, std::nullopt, pinned("latest")).rewrites[0].reason_code == "library-upgrade");
    CHECK(run_fix_on("a.js", node2, std::nullopt, pinned(">=2.0.0")).rewrites[0].reason_code == "library-upgrade");
  }
  SECTION("a 2.x file whose project already requires 3.15+ is rewritten") {
    CHECK(reason(run_fix_on("a.js", node2, std::nullopt, pinned("^3.15.0"))).empty());
    CHECK(reason(run_fix_on("a.js", node2, std::nullopt, pinned("6.2.0"))).empty());
  }
  SECTION("--library-upgraded rewrites it and notes the upgrade") {
    const auto f = run_fix_on("a.js", node2, std::nullopt, pinned("^2.11.1"), true);
    REQUIRE(reason(f).empty());
    REQUIRE(!f.rewrites[0].notes.empty());
    CHECK(contains(f.rewrites[0].notes.back(), "needs twilio >= 3.15.0"));
  }
  SECTION("a current file: 3.0-3.14 would drop incomingAllow without a word, so it waits for the upgrade") {
    const auto old = run_fix_on("a.js", node6, std::nullopt, pinned("~3.10.0"));
    CHECK(old.patched == node6);
    CHECK(old.rewrites[0].reason_code == "library-upgrade");
    CHECK(!contains(reason(old), "the file uses"));
    // Unknown or open-ended: what it resolves to today has the API.
    CHECK(reason(run_fix_on("a.js", node6, std::nullopt, nothing)).empty());
    CHECK(reason(run_fix_on("a.js", node6, std::nullopt, pinned(">=3.0.0"))).empty());
    CHECK(reason(run_fix_on("a.js", node6, std::nullopt, pinned("^3.84.1"))).empty());
  }
  SECTION("python: 6.0-6.11 VoiceGrant has no incoming_allow") {
    const std::string py7 =
        "from twilio.jwt.client import ClientCapabilityToken\n"
        "def token_for(user):\n"
        "    capability = ClientCapabilityToken(ACCOUNT_SID, AUTH_TOKEN)\n"
        "    capability.allow_client_incoming(user)\n"
        "    return capability.to_jwt()\n";
    CHECK(run_fix_on("a.py", py7, std::nullopt, pinned("==6.5.0")).rewrites[0].reason_code == "library-upgrade");
    CHECK(reason(run_fix_on("a.py", py7, std::nullopt, pinned("==6.12.0"))).empty());
  }
  SECTION("java: 7.19-10.7 take the secret as a String, 10.8+ as bytes; older waits") {
    // AccessToken.Builder(String, String, String) from 7.19.0 (setIncomingAllow) to 10.7.x;
    // Builder(String, String, byte[]) from 10.8.0, like ClientCapability.Builder's auth token.
    auto java = [](const std::string& params) {
      return "import com.twilio.jwt.client.*;\nimport java.util.*;\n"
             "public class Tokens {\n  public String forUser(String user, Map<String, String> extra) {\n"
             "    ClientCapability capability = new ClientCapability.Builder(ACCOUNT_SID, AUTH_TOKEN)\n"
             "        .scopes(Arrays.asList(new IncomingClientScope(user), new OutgoingClientScope.Builder(APP_SID)"
             ".params(" +
             params + ").build()))\n        .build();\n    return capability.toJwt();\n  }\n}\n";
    };
    const std::string plain = java("extra");
    const auto string_secret = run_fix_on("Tokens.java", plain, std::nullopt, pinned("7.44.0"));
    REQUIRE(reason(string_secret).empty());
    CHECK(contains(string_secret.patched, "System.getenv(\"TWILIO_API_KEY_SECRET\"))\n"));
    CHECK(!contains(string_secret.patched, "getBytes"));
    CHECK(!contains(string_secret.patched, "StandardCharsets"));
    CHECK(contains(string_secret.patched,
                   "setOutgoingApplication(APP_SID, new java.util.HashMap<String, Object>(extra))"));
    CHECK(reason(run_fix_on("Tokens.java", plain, std::nullopt, pinned("[7.19.0,10.7.0]"))).empty());
    const auto bytes = run_fix_on("Tokens.java", plain, std::nullopt, pinned("10.8.0"));
    REQUIRE(reason(bytes).empty());
    CHECK(contains(bytes.patched, ".getBytes(StandardCharsets.UTF_8))"));
    // Older than 7.19, or a range reaching past 10.7: no one form fits every release.
    CHECK(run_fix_on("Tokens.java", plain, std::nullopt, pinned("7.0.0")).rewrites[0].reason_code == "library-upgrade");
    CHECK(run_fix_on("Tokens.java", plain, std::nullopt, pinned("[7.0.0,10.7.0]")).rewrites[0].reason_code ==
          "library-upgrade");
    // --library-upgraded: the patch is for the release it names (10.8+).
    const auto upgraded = run_fix_on("Tokens.java", plain, std::nullopt, pinned("7.44.0"), true);
    CHECK(contains(upgraded.patched, ".getBytes(StandardCharsets.UTF_8))"));
  }
}

TEST_CASE("fix: the API key comes from where the auth token came from, or the construct waits", "[fix]") {
  auto js = [](std::string before, std::string args) {
    return "const ClientCapability = require('twilio').jwt.ClientCapability;\n" + before +
           "function tokenFor(user, accountSid, authToken) {\n"
           "  const capability = new ClientCapability({ " +
           args +
           " });\n"
           "  capability.addScope(new ClientCapability.IncomingClientScope(user));\n"
           "  return capability.toJwt();\n"
           "}\n";
  };
  auto code = [](const Fixed& f) { return f.rewrites.at(0).reason_code; };
  // Per tenant: a row, an account object, the caller.
  const auto row = run_fix_on("a.js",
                              "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
                              "async function tokenFor(user) {\n"
                              "  const account = await db.accounts.find(user.accountId);\n"
                              "  const authToken = account.twilio_auth_token;\n"
                              "  const capability = new ClientCapability({ accountSid: account.sid, authToken });\n"
                              "  capability.addScope(new ClientCapability.IncomingClientScope(user.name));\n"
                              "  return capability.toJwt();\n"
                              "}\n");
  CHECK(code(row) == "api-key-source");
  CHECK(contains(reason(row), "account.twilio_auth_token (line 4)"));
  const auto param = run_fix_on("a.js", js("", "accountSid, authToken"));
  CHECK(code(param) == "api-key-source");
  CHECK(contains(reason(param), "arrives as authToken from the caller"));
  // App configuration: the environment, a constant, a literal, a destructured env read.
  CHECK(reason(run_fix_on("a.js", js("", "accountSid: process.env.SID, authToken: process.env.TOKEN"))).empty());
  CHECK(reason(run_fix_on("a.js", js("", "accountSid, authToken: AUTH_TOKEN"))).empty());
  CHECK(
      reason(run_fix_on("a.js", js("const { TWILIO_AUTH_TOKEN: tok } = process.env;\n", "accountSid, authToken: tok")))
          .empty());
  CHECK(reason(run_fix_on("a.js", js("const tok = process.env.TWILIO_AUTH_TOKEN;\n", "accountSid, authToken: tok")))
            .empty());
  // lodash's get(process, 'env.…'): the path names the environment.
  CHECK(reason(run_fix_on("a.js",
                          js("const tok = get(process, 'env.TWILIO_AUTH_TOKEN', '');\n", "accountSid, authToken: tok")))
            .empty());
  CHECK(code(run_fix_on("a.js", js("const tok = get(account, 'twilio.authToken');\n", "accountSid, authToken: tok"))) ==
        "api-key-source");
  // A member of a record looked up at run time: that record's own key, by hand; a config
  // loader's result, or an auth-token member the API key can sit next to, is fine.
  CHECK(code(run_fix_on("a.js", js("const rec = await Compose.findFirstRecord(mod);\n",
                                   "accountSid, authToken: rec.values.ProductionToken"))) == "api-key-source");
  CHECK(reason(run_fix_on("a.js", js("const rec = await loadConfig();\n", "accountSid, authToken: rec.values.token")))
            .empty());
  CHECK(reason(run_fix_on("a.js", js("const rec = await db.find(id);\n", "accountSid, authToken: rec.authToken")))
            .empty());
  // Another function's local of the same name is not this one.
  CHECK(code(run_fix_on("a.js", js("function other() { const authToken = process.env.X; }\n",
                                   "accountSid, authToken"))) == "api-key-source");
  // Python: a module-level setting is configuration; a parameter is the caller's.
  const std::string py =
      "import os\n"
      "from twilio.jwt.client import ClientCapabilityToken\n"
      "auth_token = os.environ['TWILIO_AUTH_TOKEN']\n"
      "def token_for(user, account_sid, secret):\n"
      "    capability = ClientCapabilityToken(account_sid, auth_token)\n"
      "    capability.allow_client_incoming(user)\n"
      "    return capability.to_jwt()\n";
  CHECK(reason(run_fix_on("a.py", py)).empty());
  std::string by_param = py;
  by_param.replace(by_param.find("(account_sid, auth_token)"), 25, "(account_sid, secret)");
  CHECK(code(run_fix_on("a.py", by_param)) == "api-key-source");
  // Java: an injected field is the app's configuration.
  const auto field = run_fix_on("A.java",
                                "import com.twilio.jwt.client.ClientCapability;\n"
                                "import com.twilio.jwt.client.IncomingClientScope;\n"
                                "import java.util.Arrays;\n"
                                "class A {\n"
                                "  @Value(\"${twilio.auth-token}\")\n"
                                "  private String authToken;\n"
                                "  String t(String user, String sid) {\n"
                                "    ClientCapability capability = new ClientCapability.Builder(sid, authToken)\n"
                                "        .scopes(Arrays.asList(new IncomingClientScope(user))).build();\n"
                                "    return capability.toJwt();\n"
                                "  }\n"
                                "}\n");
  CHECK(reason(field).empty());
}

TEST_CASE("fix: an API key read from the environment beside an auth token from settings says so", "[fix]") {
  // The auth token came from the app's settings hash, which holds no API key: the patch reads
  // the key from variables the project has not set, and the reviewer is told (probe C1 025).
  const Fixed rb =
      run_fix_on("calls_controller.rb",
                 "class CallsController < ApplicationController\n  def token\n"
                 "    capability = Twilio::JWT::ClientCapability.new(TWILIO_CONFIG['sid'], "
                 "TWILIO_CONFIG['token'])\n"
                 "    capability.add_scope(Twilio::JWT::ClientCapability::IncomingClientScope.new('desk'))\n"
                 "    render json: { token: capability.to_jwt }\n  end\nend\n");
  INFO(rb.patched);
  REQUIRE(reason(rb).empty());
  REQUIRE(rb.rewrites.at(0).notes.size() >= 1);
  CHECK(contains(rb.rewrites.at(0).notes.at(0), "while the auth token came from TWILIO_CONFIG['token']"));
  // From the environment, through a name: the key from the environment needs no word.
  const Fixed py = run_fix_on("token.py",
                              "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\n"
                              "def tok():\n    auth_token = os.environ['TWILIO_AUTH_TOKEN']\n"
                              "    cap = ClientCapabilityToken(os.environ['A'], auth_token)\n"
                              "    cap.allow_client_incoming('desk')\n    return cap.to_jwt()\n");
  REQUIRE(reason(py).empty());
  for (const auto& n : py.rewrites.at(0).notes) CHECK(!contains(n, "read from the environment"));
}

TEST_CASE("fix: a draft marks the missing piece and stays out of the patch unless asked", "[fix]") {
  const std::string src =
      "const twilio = require('twilio');\nfunction t(agent) {\n"
      "  return twilio.Capability(SID, TOKEN).allowClientOutgoing('AP0123456789abcdef0123456789abcdef').generate();\n"
      "}\n";
  const auto plain = run_fix_on("a.js", src);
  REQUIRE(plain.rewrites.size() == 1);
  CHECK(plain.rewrites[0].reason_code == "identity-missing");
  CHECK(plain.patched == src);
  REQUIRE(plain.rewrites[0].draft);
  CHECK(!plain.rewrites[0].draft->in_patch);
  CHECK(contains(plain.rewrites[0].draft->after, "identity: CAPMIG_TODO_SET_IDENTITY"));
  CHECK(contains(plain.rewrites[0].draft->after, "TODO(capmig) identity-missing"));

  // --include-drafts: in the patch, still needs-input in every report.
  scan::MatchOptions mo;
  mo.table = &capmig::map::MappingTable::builtin();
  mo.now = 1700000000;
  scan::ParsedFile parsed;
  const auto found = scan::scan_source("a.js", src, rules(), mo, &parsed);
  std::vector<const scan::Finding*> mints;
  for (const auto& f : found) mints.push_back(&f);
  RewriteOptions ro;
  ro.include_drafts = true;
  const auto ff = fix_source(parsed, "a.js", mints, rules(), ro, upgraded_project);
  REQUIRE(ff.patch);
  CHECK(ff.rewrites.at(0).status == Status::needs_input);
  CHECK(ff.rewrites.at(0).draft->in_patch);
  CHECK(contains(ff.patched, "identity: CAPMIG_TODO_SET_IDENTITY"));
  CHECK(contains(ff.patched, "const { AccessToken } = require('twilio').jwt;"));

  // A library upgrade is drafted for the upgraded library; a reason no person's piece can
  // settle (scopes added in a loop) gets no draft.
  const auto old = run_fix_on("a.js", src, "agent.id", [](Ecosystem eco, const std::string&) {
    PackagePin p;
    p.manifest = "package.json";
    p.spec = "^2.11.1";
    p.range = parse_range(p.spec, eco);
    return std::optional<PackagePin>(p);
  });
  REQUIRE(old.rewrites[0].draft);
  CHECK(contains(old.rewrites[0].draft->after, "TODO(capmig) library-upgrade"));
  const auto loop = run_fix_on("a.js",
                               "const twilio = require('twilio');\nfunction t(names) {\n"
                               "  const cap = new twilio.Capability(SID, TOKEN);\n"
                               "  for (const n of names) cap.allowClientIncoming(n);\n"
                               "  return cap.generate();\n}\n");
  CHECK(loop.rewrites.at(0).status == Status::needs_input);
  CHECK(!loop.rewrites.at(0).draft);
  // An incoming scope under an `if`: drafted with every scope granted, the old call left in
  // its branch (it fails there until a person moves that field under the condition).
  const auto cond = run_fix_on("a.py",
                               "from twilio.jwt.client import ClientCapabilityToken\n"
                               "def t(user, ok):\n"
                               "    c = ClientCapabilityToken(SID, TOKEN)\n"
                               "    c.allow_client_outgoing(APP_SID)\n"
                               "    if ok:\n"
                               "        c.allow_client_incoming(user)\n"
                               "    return c.to_jwt()\n");
  REQUIRE(cond.rewrites.at(0).draft);
  CHECK(cond.rewrites.at(0).reason_code == "conditional-scopes");
  const auto& after = cond.rewrites.at(0).draft->after;
  CHECK(contains(after, "TODO(capmig) conditional-scopes"));
  CHECK(contains(after, "        c.allow_client_incoming(user)\n"));
  CHECK(contains(after, "incoming_allow=True"));
  CHECK(contains(cond.rewrites.at(0).draft->notes.at(0), "on line 6"));
  // The same under a brace-less `if`: the call is the branch, not part of a larger expression.
  const auto braceless = run_fix_on("a.js",
                                    "const twilio = require('twilio');\nfunction t(app, name) {\n"
                                    "  const cap = new twilio.Capability(SID, TOKEN);\n"
                                    "  cap.allowClientOutgoing(app.sid);\n"
                                    "  if (name) cap.allowClientIncoming(name);\n"
                                    "  return cap.generate();\n}\n");
  CHECK(braceless.rewrites.at(0).status == Status::needs_input);
  CHECK(braceless.rewrites.at(0).reason_code == "conditional-scopes");
  REQUIRE(braceless.rewrites.at(0).draft);
  CHECK(contains(braceless.rewrites.at(0).draft->after, "  if (name) cap.allowClientIncoming(name);\n"));
}

TEST_CASE("fix: --identity supplies the identity a capability never named", "[fix]") {
  const std::string src =
      "const twilio = require('twilio');\nfunction t(agent) {\n"
      "  return twilio.Capability(SID, "
      "TOKEN).allowClientOutgoing('AP0123456789abcdef0123456789abcdef').generate();\n}\n";
  CHECK(contains(reason(run_fix_on("a.js", src)), "identity-missing"));
  const auto f = run_fix_on("a.js", src, "agent.id");
  REQUIRE(reason(f).empty());
  CHECK(contains(f.patched, "{ identity: agent.id, ttl: 3600 }"));
  CHECK(contains(f.patched, "  return accessToken.toJwt();\n"));
  check_idempotent("a.js", f);
}

TEST_CASE("fix: a statement that only prints the capability object goes with it", "[fix]") {
  const auto js = run_fix_on("a.js",
                             "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
                             "function t(user) {\n"
                             "  const capability = new ClientCapability({ accountSid: sid, authToken: AUTH_TOKEN });\n"
                             "  console.log('CAPABILITY', capability);\n"
                             "  capability.addScope(new ClientCapability.IncomingClientScope(user));\n"
                             "  logger.debug('scoped ' + user, capability);\n"
                             "  return capability.toJwt();\n"
                             "}\n");
  REQUIRE(js.rewrites.at(0).status == Status::rewritten);
  CHECK(!contains(js.patched, "console.log"));
  CHECK(!contains(js.patched, "logger.debug"));
  CHECK(contains(js.rewrites.at(0).notes.front() + js.rewrites.at(0).notes.back(), "removed 2 statements"));
  const auto rb = run_fix_on("a.rb",
                             "def t(user)\n"
                             "  capability = Twilio::JWT::ClientCapability.new(SID, AUTH_TOKEN)\n"
                             "  capability.add_scope(Twilio::JWT::ClientCapability::IncomingClientScope.new(user))\n"
                             "  p capability\n"
                             "  capability.to_jwt\n"
                             "end\n");
  REQUIRE(rb.rewrites.at(0).status == Status::rewritten);
  CHECK(!contains(rb.patched, "p capability"));
}

TEST_CASE("fix: the token call inside a larger statement is replaced in place", "[fix]") {
  const auto f = run_fix_on("a.rb",
                            "require 'twilio-ruby'\n"
                            "class PhoneController\n"
                            "  def token\n"
                            "    capability = Twilio::Util::Capability.new ENV['SID'], ENV['TOKEN']\n"
                            "    capability.allow_client_incoming current_user.name\n"
                            "    render json: { token: capability.generate(7200) }\n"
                            "  end\n"
                            "end\n");
  REQUIRE(reason(f).empty());
  CHECK(contains(f.patched, "    render json: { token: access_token.to_jwt }\n"));
  CHECK(contains(f.patched, "    access_token = Twilio::JWT::AccessToken.new(\n      ENV['SID'],\n"));
  CHECK(contains(f.patched, "      ttl: 7200\n    )\n"));
  CHECK(std::count(f.patched.begin(), f.patched.end(), '\n') > 8);
  CHECK(f.patched.find("require 'twilio-ruby'") == f.patched.rfind("require 'twilio-ruby'"));  // not added twice
  check_idempotent("a.rb", f);
}

TEST_CASE("fix: scope variables go with the construct, other variables stay", "[fix]") {
  const auto f = run_fix_on("A.java",
                            "package x;\n\n"
                            "import com.twilio.jwt.client.ClientCapability;\n"
                            "import com.twilio.jwt.client.IncomingClientScope;\n"
                            "import com.twilio.jwt.client.Scope;\n"
                            "import java.util.List;\n"
                            "import java.util.ArrayList;\n\n"
                            "class A {\n"
                            "  String t(String user, String sid) {\n"
                            "    List<Scope> scopes = new ArrayList<>();\n"
                            "    scopes.add(new IncomingClientScope(user));\n"
                            "    List<String> audit = new ArrayList<>();\n"
                            "    ClientCapability capability = new ClientCapability.Builder(sid, "
                            "AUTH_TOKEN).scopes(scopes).ttl(60).build();\n"
                            "    return capability.toJwt();\n"
                            "  }\n"
                            "}\n");
  REQUIRE(reason(f).empty());
  CHECK(!contains(f.patched, "scopes"));
  CHECK(contains(f.patched, "    List<String> audit = new ArrayList<>();\n"));
  CHECK(contains(f.patched, "import java.util.List;\nimport java.util.ArrayList;\n"));  // still used by audit
  CHECK(contains(f.patched, "import com.twilio.jwt.accesstoken.AccessToken;\n"));
  CHECK(!contains(f.patched, "com.twilio.jwt.client"));
  CHECK(contains(f.patched, "    return accessToken.toJwt();\n"));
  check_idempotent("A.java", f);
}

TEST_CASE("api_key_from_config: the config object the auth token came from", "[fix]") {
  auto sid = [](std::string_view t) {
    auto k = api_key_from_config(t);
    return k ? k->sid + " | " + k->secret : std::string("env");
  };
  CHECK(sid("config.twilio.authToken") == "config.twilio.apiKeySid | config.twilio.apiKeySecret");
  CHECK(sid("settings.TWILIO_AUTH_TOKEN") == "settings.TWILIO_API_KEY_SID | settings.TWILIO_API_KEY_SECRET");
  CHECK(sid("app.config['TWILIO_AUTH_TOKEN']") ==
        "app.config['TWILIO_API_KEY_SID'] | app.config['TWILIO_API_KEY_SECRET']");
  CHECK(sid("Rails.application.secrets.twilio_auth_token") ==
        "Rails.application.secrets.twilio_api_key_sid | Rails.application.secrets.twilio_api_key_secret");
  CHECK(sid("config.getAuthToken()") == "config.getApiKeySid() | config.getApiKeySecret()");
  CHECK(sid("ConfigurationManager.AppSettings[\"TwilioAuthToken\"]") ==
        "ConfigurationManager.AppSettings[\"TwilioApiKeySid\"] | "
        "ConfigurationManager.AppSettings[\"TwilioApiKeySecret\"]");
  CHECK(sid("$config['auth-token']") == "$config['api-key-sid'] | $config['api-key-secret']");
  // Not a config object: the environment, a variable, a field of the class, a literal.
  CHECK(sid("process.env.TWILIO_AUTH_TOKEN") == "env");
  CHECK(sid("os.environ['TWILIO_AUTH_TOKEN']") == "env");
  CHECK(sid("authToken") == "env");
  CHECK(sid("AUTH_TOKEN") == "env");
  CHECK(sid("this.authToken") == "env");
  CHECK(sid("'0123456789abcdef0123456789abcdef'") == "env");
}

TEST_CASE("unified_diff: insertions, deletions, mid-line edits, missing final newline", "[fix]") {
  const std::string text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl";  // no final newline
  std::vector<Edit> edits{{2, 2, 0, 0, 0, 0, "B0\n"},             // insert before line 2
                          {4, 6, 0, 0, 0, 0, ""},                 // delete line 3
                          {22, 23, 0, 0, 0, 0, "L"}};             // last line, mid-line
  sort_edits(edits);
  CHECK(apply_edits(text, edits) == "a\nB0\nb\nd\ne\nf\ng\nh\ni\nj\nk\nL");
  CHECK(unified_diff("t.txt", text, edits) ==
        "--- a/t.txt\n+++ b/t.txt\n"
        "@@ -1,6 +1,6 @@\n a\n+B0\n b\n-c\n d\n e\n f\n"
        "@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n\\ No newline at end of file\n+L\n\\ No newline at end of file\n");
  std::vector<Edit> overlapping{{0, 3, 0, 0, 0, 0, ""}, {2, 4, 0, 0, 0, 0, ""}};
  CHECK_THROWS(sort_edits(overlapping));
}

TEST_CASE("tidy_line_removals: no run of blank lines is left behind", "[fix]") {
  const std::string text = "{\n  x;\n\n  y;\n\n  z;\n}\n";
  std::vector<Edit> edits{{2, 7, 0, 0, 0, 0, ""}, {8, 13, 0, 0, 0, 0, ""}};  // delete "  x;" and "  y;"
  tidy_line_removals(text, edits);
  CHECK(apply_edits(text, edits) == "{\n  z;\n}\n");
}

TEST_CASE("replace_file_atomically: refuses changed files and links, keeps the mode", "[fix]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("capmig-atomic-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "a.js";
  { std::ofstream(file, std::ios::binary) << "old\n"; }
  ::chmod(file.c_str(), 0640);

  CHECK(replace_file_atomically(file, "something else\n", "new\n").value_or("") ==
        "changed since it was read; run capmig fix again");
  CHECK(!replace_file_atomically(file, "old\n", "new\n"));
  std::ifstream in(file, std::ios::binary);
  std::string now((std::istreambuf_iterator<char>(in)), {});
  CHECK(now == "new\n");
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);

  fs::create_symlink(file, dir / "link.js");
  CHECK(replace_file_atomically(dir / "link.js", "new\n", "x\n").value_or("").find("symbolic link") !=
        std::string::npos);
  // Nothing but the two names is left in the directory: no temporary file.
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);
  fs::remove_all(dir);
}

TEST_CASE("fix: found but not rewritten: a class named by a variable, a library without Access Tokens", "[fix]") {
  // PHP `new $cls(…)`: the variable could name a test double at run time.
  const std::string php =
      "<?php\n"
      "function token($sid, $tok, $user) {\n"
      "    $cls = 'Services_Twilio_Capability';\n"
      "    $c = new $cls($sid, $tok);\n"
      "    $c->allowClientIncoming($user);\n"
      "    return $c->generateToken();\n"
      "}\n";
  Fixed f = run_fix_on("token.php", php, std::nullopt, upgraded_project, true);
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "class-in-variable");
  CHECK(f.patched == php);
  // The community twilio-client-token module: the app must take up twilio (npm) first.
  const std::string js =
      "var TwilioCapability = require('twilio-client-token');\n"
      "var tc = new TwilioCapability(cfg.sid, cfg.token);\n"
      "tc.allowClientOutgoing(cfg.app, 'agent', { q: 1 });\n"
      "module.exports = tc.generate();\n";
  f = run_fix_on("token.js", js);
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "library-change");
  CHECK(f.patched == js);
  // ex_twilio: mapped, but capmig writes no Elixir.
  const std::string ex =
      "defmodule T do\n"
      "  def token(name), do: ExTwilio.Capability.new |> ExTwilio.Capability.allow_client_incoming(name) |> "
      "ExTwilio.Capability.token\n"
      "end\n";
  f = run_fix_on("t.ex", ex);
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "no-template");
}

TEST_CASE("fix: a key named like the object is not a use; an Access Token in the file lends its API key", "[fix]") {
  // `{ capability: capability.generate() }`: the key is a label, the object does not escape.
  const std::string src =
      "const twilio = require('twilio');\n"
      "function token(name) {\n"
      "  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming(name);\n"
      "  return JSON.stringify({\n"
      "    capability: capability.generate(),\n"
      "  });\n"
      "}\n";
  Fixed f = run_fix_on("a.js", src);
  CHECK(reason(f).empty());
  CHECK(contains(f.patched, "capability: accessToken.toJwt()"));
  // Shorthand `{ capability }` reads the object: it escapes.
  const std::string shorthand =
      "const twilio = require('twilio');\n"
      "function token(name) {\n"
      "  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
      "  capability.allowClientIncoming(name);\n"
      "  const t = capability.generate();\n"
      "  return { capability, t };\n"
      "}\n";
  CHECK(run_fix_on("a.js", shorthand).rewrites[0].reason_code == "object-escapes");

  // A Twilio Function serving both SDK generations: the capability branch signs with the API
  // key the Access Token branch already reads, not a guessed context.API_KEY_SID.
  const std::string both =
      "const { jwt: { AccessToken, ClientCapability } } = require('twilio');\n"
      "exports.handler = function(context, event, callback) {\n"
      "  if (event.v2) {\n"
      "    const t = new AccessToken(context.ACCOUNT_SID, context.API_KEY, context.API_SECRET, { identity: "
      "event.id });\n"
      "    t.addGrant(new AccessToken.VoiceGrant({ incomingAllow: true }));\n"
      "    return callback(null, t.toJwt());\n"
      "  }\n"
      "  const capability = new ClientCapability({ accountSid: context.ACCOUNT_SID, authToken: context.AUTH_TOKEN });\n"
      "  capability.addScope(new ClientCapability.IncomingClientScope(event.id));\n"
      "  callback(null, capability.toJwt());\n"
      "};\n";
  f = run_fix_on("f.js", both);
  CHECK(reason(f).empty());
  CHECK(contains(f.patched, "context.ACCOUNT_SID,\n    context.API_KEY,\n    context.API_SECRET,"));
  // Another account's Access Token lends nothing.
  std::string other = both;
  const std::string theirs = "AccessToken(context.ACCOUNT_SID";
  other.replace(other.find(theirs), theirs.size(), "AccessToken(context.SUBACCOUNT_SID");
  f = run_fix_on("f.js", other);
  CHECK(contains(f.patched, "context.API_KEY_SID"));
}

TEST_CASE("fix: a patch that upgrades the library moves every construct of the file or none", "[fix]") {
  // twilio-python 5.x: after the upgrade `from twilio.util import TwilioCapability` fails, and
  // with it the whole module, so the rewritable mint waits for the one that needs an identity.
  const std::string src =
      "import os\n"
      "from twilio.util import TwilioCapability\n"
      "\n"
      "def user_token(name):\n"
      "    try:\n"
      "        cap = TwilioCapability(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n"
      "        cap.allow_client_incoming(name)\n"
      "        return cap.generate()\n"
      "    except ValueError:\n"
      "        return None\n"
      "\n"
      "def kiosk_token():\n"
      "    cap = TwilioCapability(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n"
      "    cap.allow_client_outgoing(os.environ['KIOSK_APP_SID'])\n"
      "    return cap.generate()\n";
  auto no_manifest = [](Ecosystem, const std::string&) -> std::optional<PackagePin> { return std::nullopt; };
  Fixed f = run_fix_on("t.py", src, std::nullopt, no_manifest, true);
  REQUIRE(f.rewrites.size() == 2);
  CHECK(f.rewrites[0].reason_code == "library-mixed");
  CHECK(contains(f.rewrites[0].reasons[0], "line 13"));
  CHECK(f.rewrites[1].reason_code == "identity-missing");
  CHECK(f.patched == src);
  // Given an identity for the kiosk, both move, and the old import goes.
  f = run_fix_on("t.py", src, std::string("'kiosk'"), no_manifest, true);
  CHECK(f.rewrites[0].status == Status::rewritten);
  CHECK(f.rewrites[1].status == Status::rewritten);
  CHECK(!contains(f.patched, "twilio.util"));
  CHECK(contains(f.patched, "identity=str(name)"));  // the mint inside try: was followed
}

TEST_CASE("fix: a construct under a case label is rewritten after the label, which stays", "[fix]") {
  const std::string src =
      "const twilio = require('twilio');\n"
      "function tokenFor(kind, user) {\n"
      "  switch (kind) {\n"
      "    case 'agent':\n"
      "      const cap = new twilio.jwt.ClientCapability({ accountSid: process.env.SID, authToken: "
      "process.env.TOK });\n"
      "      cap.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(user));\n"
      "      return cap.toJwt();\n"
      "    default:\n"
      "      return '';\n"
      "  }\n"
      "}\n";
  const Fixed f = run_fix_on("a.js", src);
  CHECK(reason(f).empty());
  CHECK(contains(f.patched, "    case 'agent':\n      const accessToken = new AccessToken(\n"));
  CHECK(contains(f.patched, "    default:\n      return '';"));
  check_idempotent("a.js", f);
}

TEST_CASE("fix: scopes set inside a tap block are found, and the construct is left to a person", "[fix]") {
  const std::string src =
      "def token(name)\n"
      "  Twilio::Util::Capability.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN']).tap do |c|\n"
      "    c.allow_client_incoming(name) if name\n"
      "  end.generate\n"
      "end\n";
  const Fixed f = run_fix_on("t.rb", src, std::nullopt, upgraded_project, true);
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "configured-in-block");
  CHECK(f.patched == src);
}

TEST_CASE("fix: a client name twilio-php ignores is shown and only ever drafted as the identity", "[fix]") {
  // allowClientOutgoing has no client-name parameter; PHP drops the extra argument, so the
  // token names no client: the mapping never reads it, the draft offers it with a TODO.
  const std::string src =
      "<?php\nuse Twilio\\Jwt\\ClientToken;\nfunction t($user) {\n"
      "  $capability = new ClientToken(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'));\n"
      "  $capability->allowClientOutgoing('AP0123456789abcdef0123456789abcdef', array(), $user);\n"
      "  return $capability->generateToken();\n}\n";
  const auto fixed = run_fix_on("a.php", src);
  REQUIRE(fixed.rewrites.size() == 1);
  CHECK(fixed.rewrites[0].reason_code == "identity-missing");
  CHECK(contains(reason(fixed), "passes $user to allowClientOutgoing, which ignores it"));
  CHECK(fixed.patched == src);
  REQUIRE(fixed.rewrites[0].draft);
  CHECK(contains(fixed.rewrites[0].draft->after, "TODO(capmig) identity-from-ignored-argument"));
  CHECK(contains(fixed.rewrites[0].draft->after, "$user"));
  CHECK(!contains(fixed.rewrites[0].draft->after, "CAPMIG_TODO_SET_IDENTITY"));

  scan::MatchOptions mo;
  mo.table = &capmig::map::MappingTable::builtin();
  mo.now = 1700000000;
  const auto found = scan::scan_source("a.php", src, rules(), mo);
  REQUIRE(found.size() == 1);
  CHECK(found[0].capability.ignored.at("outgoing_client_name").text == "$user");
  CHECK(!found[0].capability.fields.count("outgoing_client_name"));
  REQUIRE(found[0].mapping);
  CHECK(!found[0].mapping->get("identity"));
}

TEST_CASE("fix: per-instance credentials and configuration members the code lacks wait for a person", "[fix]") {
  auto code = [](const Fixed& f) { return f.rewrites.at(0).reason_code; };
  // A tenant's credentials kept in fields a constructor sets: never one global API key.
  const std::string tenant =
      "using System.Collections.Generic;\nusing Twilio.Jwt.Client;\n"
      "public class TenantVoip {\n"
      "  private readonly string accountSid;\n  private readonly string authToken;\n"
      "  public TenantVoip(string accountSid, string authToken) : base() {\n"
      "    this.accountSid = accountSid;\n    this.authToken = authToken;\n  }\n"
      "  public string Token(string agent) {\n"
      "    var scopes = new HashSet<IScope> { new IncomingClientScope(agent) };\n"
      "    var capability = new ClientCapability(accountSid, AUTH, scopes: scopes);\n"
      "    return capability.ToJwt();\n  }\n}\n";
  auto with = [&](std::string_view auth) {
    std::string src = tenant;
    src.replace(src.find("AUTH"), 4, auth);
    return run_fix_on("TenantVoip.cs", src);
  };
  for (std::string_view auth : {"authToken", "this.authToken"}) {
    INFO(auth);
    const auto f = with(auth);
    CHECK(code(f) == "api-key-source");
    CHECK(contains(reason(f), "set from a parameter (line 8)"));
  }
  // Configuration read once for the app: fine.
  CHECK(reason(with("Environment.GetEnvironmentVariable(\"TWILIO_AUTH_TOKEN\")")).empty());
  // A project class's member: Config.ApiKeySid would not compile until someone adds it.
  const auto member = with("AppConfig.AuthToken");
  CHECK(code(member) == "api-key-source");
  CHECK(contains(reason(member), "AppConfig.ApiKeySid and AppConfig.ApiKeySecret"));
  // Python reads the setting into a variable first: the API key comes from the same settings.
  const auto py = run_fix_on("views.py",
                             "from django.conf import settings\n"
                             "from twilio.jwt.client import ClientCapabilityToken\n\n\n"
                             "def token(request):\n"
                             "    auth_token = settings.TWILIO_AUTH_TOKEN\n"
                             "    capability = ClientCapabilityToken(settings.TWILIO_ACCOUNT_SID, auth_token)\n"
                             "    capability.allow_client_incoming(request.user.username)\n"
                             "    return capability.to_jwt()\n");
  CHECK(reason(py).empty());
  CHECK(contains(py.patched, "settings.TWILIO_API_KEY_SID"));
  CHECK(contains(py.patched, "settings.TWILIO_API_KEY_SECRET"));
}

TEST_CASE("fix: twilio-php 3/4 loaded by path waits for its autoloader, even with --library-upgraded", "[fix]") {
  auto page = [](std::string_view loader) {
    return "<?php\n" + std::string(loader) +
           "\nfunction token_for($user) {\n"
           "    $capability = new Services_Twilio_Capability(getenv('TWILIO_ACCOUNT_SID'), "
           "getenv('TWILIO_AUTH_TOKEN'));\n"
           "    $capability->allowClientIncoming($user);\n"
           "    return $capability->generateToken(600);\n}\n";
  };
  const auto by_path = run_fix_on("token.php", page("require_once __DIR__ . '/lib/Services/Twilio/Capability.php';"),
                                  std::nullopt, upgraded_project, true);
  CHECK(by_path.rewrites.at(0).reason_code == "library-upgrade");
  CHECK(contains(reason(by_path), "/lib/Services/Twilio/Capability.php"));
  // Already loading through an autoloader: the upgrade only swaps the package.
  const auto composer =
      run_fix_on("token.php", page("require __DIR__ . '/vendor/autoload.php';"), std::nullopt, upgraded_project, true);
  CHECK(reason(composer).empty());
}

TEST_CASE("fix: Ruby's generate(expires=600) keeps its 600 s ttl and the assignment", "[fix]") {
  const auto f = run_fix_on("a.rb",
                            "require 'twilio-ruby'\n"
                            "def token(name)\n"
                            "  cap = Twilio::JWT::Capability.new(ENV['SID'], ENV['TOK'])\n"
                            "  cap.allow_client_incoming(name)\n"
                            "  cap.generate(expires=600)\n"
                            "end\n");
  REQUIRE(f.rewrites.size() == 1);
  REQUIRE(f.rewrites[0].status == Status::rewritten);
  CHECK(contains(f.patched, "ttl: expires=600"));
  CHECK_FALSE(contains(f.patched, "ttl: 3600"));
}

TEST_CASE("fix: an outgoing scope under a condition becomes a grant field set in that branch", "[fix]") {
  // The grant is declared where the capability was, each scope's statement sets its fields in
  // place (so the outgoing part exists on the branch's path only), the token adds the grant.
  const auto py = run_fix_on("a.py",
                             "from twilio.jwt.client import ClientCapabilityToken\n"
                             "def t(user, ok):\n"
                             "    c = ClientCapabilityToken(SID, TOKEN)\n"
                             "    c.allow_client_incoming(user)\n"
                             "    if ok:\n"
                             "        c.allow_client_outgoing(APP_SID, team=user.team)\n"
                             "    return c.to_jwt()\n");
  REQUIRE(py.rewrites.at(0).status == Status::rewritten);
  CHECK(contains(py.patched,
                 "def t(user, ok):\n"
                 "    voice_grant = VoiceGrant()\n"
                 "    voice_grant.incoming_allow = True\n"
                 "    if ok:\n"
                 "        voice_grant.outgoing_application_sid = APP_SID\n"
                 "        voice_grant.outgoing_application_params = {'team': user.team}\n"));
  CHECK(contains(py.patched, "        identity=str(user),\n"));
  CHECK(contains(py.patched, "    access_token.add_grant(voice_grant)\n    return access_token.to_jwt()\n"));
  CHECK(contains(py.patched, "from twilio.jwt.access_token.grants import VoiceGrant\n"));

  const auto js = run_fix_on("a.js",
                             "const twilio = require('twilio');\nfunction t(user, ok) {\n"
                             "  const c = new twilio.Capability(SID, TOKEN);\n"
                             "  c.allowClientIncoming(user);\n"
                             "  if (ok) {\n    c.allowClientOutgoing(app.sid);\n  }\n"
                             "  return c.generate(600);\n}\n");
  REQUIRE(js.rewrites.at(0).status == Status::rewritten);
  CHECK(contains(js.patched,
                 "  const voiceGrant = new AccessToken.VoiceGrant();\n"
                 "  voiceGrant.incomingAllow = true;\n"
                 "  if (ok) {\n    voiceGrant.outgoingApplicationSid = app.sid;\n  }\n"));
  CHECK(contains(js.patched, "{ identity: user, ttl: 600 }"));
  CHECK(contains(js.patched, "  accessToken.addGrant(voiceGrant);\n"));
  CHECK(!contains(js.patched, "incomingAllow: true"));  // the grant is not also built inline

  // Ruby's scope objects (`Scope.new(…)`) and PHP's `->` and `=>` inside the branch.
  const auto rb =
      run_fix_on("a.rb",
                 "require 'twilio-ruby'\ndef t(user, ok)\n"
                 "  c = Twilio::JWT::ClientCapability.new(SID, TOKEN)\n"
                 "  c.add_scope(Twilio::JWT::ClientCapability::IncomingClientScope.new(user))\n"
                 "  if ok\n    c.add_scope(Twilio::JWT::ClientCapability::OutgoingClientScope.new(APP))\n  end\n"
                 "  c.to_jwt\nend\n");
  REQUIRE(rb.rewrites.at(0).status == Status::rewritten);
  CHECK(contains(rb.patched, "  if ok\n    voice_grant.outgoing_application_sid = APP\n  end\n"));
  CHECK(contains(rb.patched, "    [voice_grant],\n"));
  const auto php = run_fix_on("a.php",
                              "<?php\nuse Twilio\\Jwt\\ClientToken;\nfunction t($user) {\n"
                              "    $c = new ClientToken(getenv('SID'), getenv('TWILIO_AUTH_TOKEN'));\n"
                              "    $c->allowClientIncoming($user->name);\n    if ($user->dials) {\n"
                              "        $c->allowClientOutgoing(getenv('APP'), array('team' => $user->team));\n    }\n"
                              "    return $c->generateToken();\n}\n");
  REQUIRE(php.rewrites.at(0).status == Status::rewritten);
  CHECK(contains(php.patched,
                 "        $voiceGrant->setOutgoingApplication(getenv('APP'), array('team' => $user->team));\n"));
  CHECK(contains(php.patched, "    $accessToken->addGrant($voiceGrant);\n"));

  // Languages whose template has no field-by-field grant keep the draft.
  const auto cs =
      run_fix_on("T.cs",
                 "using Twilio;\nclass T {\n  string Make(string user, bool ok) {\n"
                 "    var c = new TwilioCapability(Sid, Token);\n"
                 "    c.AllowClientIncoming(user);\n"
                 "    if (ok) {\n      c.AllowClientOutgoing(App);\n    }\n    return c.GenerateToken();\n  }\n}\n");
  REQUIRE(cs.rewrites.size() == 1);
  CHECK(cs.rewrites.at(0).status == Status::needs_input);
  CHECK(cs.rewrites.at(0).reason_code == "conditional-scopes");
}

TEST_CASE("fix: two different client names are the person's choice; one name spelt twice is not", "[fix]") {
  // Incoming calls ring `role`, outgoing calls came from "operator": one identity cannot be both.
  const auto two =
      run_fix_on("a.rb",
                 "require 'twilio-ruby'\nclass T\n  def self.generate(role)\n"
                 "    c = Twilio::JWT::ClientCapability.new(SID, TOKEN)\n"
                 "    c.add_scope Twilio::JWT::ClientCapability::OutgoingClientScope.new(APP, 'operator')\n"
                 "    c.add_scope Twilio::JWT::ClientCapability::IncomingClientScope.new(role)\n"
                 "    c.to_jwt\n  end\nend\n");
  REQUIRE(two.rewrites.size() == 1);
  CHECK(two.rewrites[0].status == Status::needs_input);
  CHECK(two.rewrites[0].reason_code == "identity-conflict");
  REQUIRE(two.rewrites[0].draft);
  CHECK(contains(two.rewrites[0].draft->after, "TODO(capmig) identity-conflict"));
  // `role` is `attr_reader :role` of `@role`: the same client, rewritten with no conflict note.
  const auto same = run_fix_on("b.rb",
                               "require 'twilio-ruby'\nclass T\n  attr_reader :role\n"
                               "  def initialize(role)\n    @role = role\n  end\n  def call\n"
                               "    c = Twilio::JWT::ClientCapability.new(SID, TOKEN)\n"
                               "    c.add_scope Twilio::JWT::ClientCapability::OutgoingClientScope.new(APP, @role)\n"
                               "    c.add_scope Twilio::JWT::ClientCapability::IncomingClientScope.new(role)\n"
                               "    c.to_jwt\n  end\nend\n");
  REQUIRE(same.rewrites.size() == 1);
  CHECK(same.rewrites[0].status == Status::rewritten);
  CHECK(!contains(same.patched, "identity-conflict"));
}

TEST_CASE("fix: an auth token reassigned in a nested block before the constructor decides the key's source", "[fix]") {
  // `let authToken = env…; if (!authToken) { authToken = row.token }`: some tokens are a row's,
  // signed with that account's key, not the environment's.
  const auto f = run_fix_on("a.js",
                            "const twilio = require('twilio');\nasync function t(db, user) {\n"
                            "  let authToken = process.env.TWILIO_AUTH_TOKEN;\n"
                            "  if (!authToken) {\n    const row = await db.profile(user.id);\n"
                            "    authToken = row.twilio_auth_token;\n  }\n"
                            "  const c = new twilio.jwt.ClientCapability({ accountSid: SID, authToken: authToken });\n"
                            "  c.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(user.name));\n"
                            "  return c.toJwt();\n}\n");
  CHECK(contains(reason(f), "the auth token comes from row.twilio_auth_token (line 6)"));
  // Another function's variable of the same name is another name.
  const auto g = run_fix_on("b.js",
                            "const twilio = require('twilio');\nfunction other(row) {\n  let authToken = row.token;\n"
                            "  return authToken;\n}\nfunction t(user) {\n"
                            "  const c = new twilio.jwt.ClientCapability({ accountSid: process.env.SID, authToken: "
                            "process.env.TWILIO_AUTH_TOKEN });\n"
                            "  c.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(user));\n"
                            "  return c.toJwt();\n}\n");
  CHECK(reason(g).empty());
}

TEST_CASE("fix: an ES module importing twilio by a Deno or CDN specifier keeps that import", "[fix]") {
  for (const std::string spec : {"npm:twilio@4.19.0", "https://esm.sh/twilio@4.23.0"}) {
    INFO(spec);
    const auto f =
        run_fix_on("a.ts", "import twilio from '" + spec +
                               "';\n\nexport function t(name: string): string {\n"
                               "  const c = new twilio.jwt.ClientCapability({ accountSid: SID, authToken: TOK });\n"
                               "  c.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(name));\n"
                               "  return c.toJwt();\n}\n");
    REQUIRE(f.rewrites.size() == 1);
    CHECK(f.rewrites[0].status == Status::rewritten);
    CHECK(contains(f.patched, "import twilio from '" + spec + "';\nconst { AccessToken } = twilio.jwt;\n"));
    CHECK(!contains(f.patched, "from 'twilio'"));  // a second `import twilio` would not parse
  }
}

TEST_CASE("fix: a Deno file's API key is read the way the file reads its environment", "[fix]") {
  const std::string body =
      "export function t(name) {\n"
      "  const c = new twilio.jwt.ClientCapability({ accountSid: SID, authToken: SECRET });\n"
      "  c.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(name));\n"
      "  return c.toJwt();\n}\n";
  const std::string head = "import twilio from 'npm:twilio@4.19.0';\nconst SID = Deno.env.get('TWILIO_ACCOUNT_SID');\n";
  // Deno 1.x has no `process`: process.env.X would throw a ReferenceError there.
  const auto js = run_fix_on("a.js", head + "const SECRET = Deno.env.get('SECRET');\n" + body);
  REQUIRE(js.rewrites.size() == 1);
  CHECK(contains(js.patched, "Deno.env.get(\"TWILIO_API_KEY_SID\"),\n"));
  CHECK(!contains(js.patched, "process.env"));
  const auto ts = run_fix_on("a.ts", head + "const SECRET = Deno.env.get('SECRET')!;\n" + body);
  REQUIRE(ts.rewrites.size() == 1);
  CHECK(contains(ts.patched, "Deno.env.get(\"TWILIO_API_KEY_SECRET\") as string,\n"));
  // A file that also reads process.env runs where process exists: the target's own read.
  const auto both = run_fix_on("a.js", head + "const SECRET = process.env.SECRET;\n" + body);
  REQUIRE(both.rewrites.size() == 1);
  CHECK(contains(both.patched, "process.env.TWILIO_API_KEY_SID"));
}

TEST_CASE("fix: a client name set only under a condition leaves the other path to a person", "[fix]") {
  // PHP quickstart style: the name exists only when the request has it. The capability library
  // refused a missing name; an Access Token would be minted without an identity.
  const auto php =
      run_fix_on("a.php",
                 "<?php\nuse Twilio\\Jwt\\ClientToken;\n$sid = getenv('TWILIO_ACCOUNT_SID');\n"
                 "$tok = getenv('TWILIO_AUTH_TOKEN');\nif (isset($_REQUEST['client'])) {\n"
                 "    $clientName = $_REQUEST['client'];\n}\n$capability = new ClientToken($sid, $tok);\n"
                 "$capability->allowClientIncoming($clientName);\n$token = $capability->generateToken();\n");
  REQUIRE(php.rewrites.size() == 1);
  CHECK(php.rewrites[0].reason_code == "identity-conditional");
  CHECK(contains(php.rewrites[0].reasons.at(0), "$clientName is set only under a condition (line 6)"));
  REQUIRE(php.rewrites[0].draft);
  CHECK(contains(php.rewrites[0].draft->after, "TODO(capmig) identity-conditional"));
  // A default first, or a parameter: set on every path.
  const auto with_default = run_fix_on("b.php",
                                       "<?php\nuse Twilio\\Jwt\\ClientToken;\n$clientName = 'guest';\n"
                                       "if (isset($_REQUEST['client'])) {\n    $clientName = $_REQUEST['client'];\n}\n"
                                       "$capability = new ClientToken(getenv('SID'), getenv('TWILIO_AUTH_TOKEN'));\n"
                                       "$capability->allowClientIncoming($clientName);\n"
                                       "$token = $capability->generateToken();\n");
  CHECK(reason(with_default).empty());
  // Set after the constructor, still on every path to the token (probe C1's repro of a
  // Laravel action): not conditional.
  const auto between = run_fix_on("c.py",
                                  "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\ndef tok():\n"
                                  "    cap = ClientCapabilityToken(os.environ['A'], os.environ['B'])\n"
                                  "    cap.allow_client_outgoing(os.environ['APP_SID'])\n    n = 'agent'\n"
                                  "    cap.allow_client_incoming(n)\n    return cap.to_jwt()\n");
  INFO(between.patched);
  CHECK(reason(between).empty());
  CHECK(contains(between.patched, "identity=str(n),"));
  // Between them but under an if: conditional again.
  const auto nested =
      run_fix_on("d.js",
                 "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
                 "function tok(req) {\n"
                 "  const cap = new ClientCapability({ accountSid: process.env.A, authToken: "
                 "process.env.B });\n  let n;\n  if (req.query.agent) {\n    n = req.query.agent;\n  }\n"
                 "  cap.addScope(new ClientCapability.IncomingClientScope(n));\n  return cap.toJwt();\n}\n");
  REQUIRE(nested.rewrites.size() == 1);
  CHECK(nested.rewrites[0].reason_code == "identity-conditional");
}

TEST_CASE("fix: a client name read from the environment with no default leaves the unset case to a person", "[fix]") {
  // Unset, twilio-python's capability named the client "None" and node's "undefined"; an
  // Access Token would have no identity, or node would refuse to mint (probe C1 case 029).
  const auto py = run_fix_on("app.py",
                             "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\n"
                             "identity = os.getenv('TWILIO_IDENTITY')\n\ndef tok():\n"
                             "    cap = ClientCapabilityToken(os.environ['A'], os.environ['B'])\n"
                             "    cap.allow_client_incoming(identity)\n    return cap.to_jwt()\n");
  REQUIRE(py.rewrites.size() == 1);
  CHECK(py.rewrites[0].reason_code == "identity-conditional");
  CHECK(contains(py.rewrites[0].reasons.at(0), "read from the environment with no default (line 4)"));
  CHECK(py.rewrites[0].draft);
  const auto js =
      run_fix_on("token.js",
                 "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
                 "module.exports = () => {\n"
                 "  const cap = new ClientCapability({ accountSid: process.env.A, authToken: process.env.B });\n"
                 "  cap.addScope(new ClientCapability.IncomingClientScope(process.env.AGENT_NAME));\n"
                 "  return cap.toJwt();\n};\n");
  REQUIRE(js.rewrites.size() == 1);
  CHECK(js.rewrites[0].reason_code == "identity-conditional");
  // With a default, or a read that raises when unset, it is the same token on every path.
  const auto with_default = run_fix_on("app2.py",
                                       "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\n"
                                       "identity = os.getenv('TWILIO_IDENTITY', 'agent')\n\ndef tok():\n"
                                       "    cap = ClientCapabilityToken(os.environ['A'], os.environ['B'])\n"
                                       "    cap.allow_client_incoming(identity)\n    return cap.to_jwt()\n");
  CHECK(reason(with_default).empty());
  const auto raises = run_fix_on("app3.py",
                                 "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\n"
                                 "def tok():\n    identity = os.environ['TWILIO_IDENTITY']\n"
                                 "    cap = ClientCapabilityToken(os.environ['A'], os.environ['B'])\n"
                                 "    cap.allow_client_incoming(identity)\n    return cap.to_jwt()\n");
  CHECK(reason(raises).empty());
}

TEST_CASE("fix: a PHP $TWILIO_AUTH_TOKEN from an included file is not the environment", "[fix]") {
  const auto f = run_fix_on("token.php",
                            "<?php\ninclude('./config.php');\nuse Twilio\\Jwt\\ClientToken;\n"
                            "$capability = new ClientToken($TWILIO_ACCOUNT_SID, $TWILIO_AUTH_TOKEN);\n"
                            "$capability->allowClientIncoming('alice');\n$token = $capability->generateToken();\n");
  CHECK(contains(reason(f), "$TWILIO_AUTH_TOKEN, defined outside this file"));
  // Destructured in this file from a JSON file: the reason names that line (probe D 024).
  const auto json = run_fix_on("token.js",
                               "const { jwt: { ClientCapability } } = require('twilio');\n"
                               "const { sid, tok } = require('./creds.json');\n"
                               "module.exports = () => {\n"
                               "  const cap = new ClientCapability({ accountSid: sid, authToken: tok });\n"
                               "  cap.addScope(new ClientCapability.IncomingClientScope('q'));\n"
                               "  return cap.toJwt();\n};\n");
  CHECK(contains(reason(json), "taken from `const { sid, tok } = require('./creds.json');` (line 2)"));
}

TEST_CASE("fix: an incoming scope in each branch of an if/else keeps each branch's client as the identity", "[fix]") {
  const std::string head =
      "from twilio.jwt.client import ClientCapabilityToken\ndef t(page):\n"
      "    c = ClientCapabilityToken(SID, TOKEN)\n    c.allow_client_outgoing(APP)\n";
  const auto pair =
      run_fix_on("a.py", head +
                             "    if page == '/dashboard':\n        c.allow_client_incoming('support_agent')\n"
                             "    else:\n        c.allow_client_incoming('customer')\n"
                             "    return c.to_jwt()\n");
  REQUIRE(pair.rewrites.at(0).status == Status::rewritten);
  CHECK(contains(pair.patched,
                 "    if page == '/dashboard':\n        voice_grant.incoming_allow = True\n"
                 "        identity = 'support_agent'\n    else:\n        voice_grant.incoming_allow = True\n"
                 "        identity = 'customer'\n"));
  CHECK(contains(pair.patched, "        identity=identity,\n"));
  CHECK(!contains(pair.patched, "identity-conflict"));
  // Not every path names one client: an elif between, no else, or a branch with more in it.
  for (const std::string tail :
       {"    if page == '/a':\n        c.allow_client_incoming('a')\n    elif page == '/b':\n        log(page)\n"
        "    else:\n        c.allow_client_incoming('b')\n    return c.to_jwt()\n",
        "    if page == '/a':\n        c.allow_client_incoming('a')\n    if page == '/b':\n"
        "        c.allow_client_incoming('b')\n    return c.to_jwt()\n",
        "    if page == '/a':\n        c.allow_client_incoming('a')\n        log(page)\n    else:\n"
        "        c.allow_client_incoming('b')\n    return c.to_jwt()\n"}) {
    INFO(tail);
    const auto f = run_fix_on("b.py", head + tail);
    CHECK(f.rewrites.at(0).status == Status::needs_input);
  }
  // Brace languages: `if (…) { one } else { one }`, not `else if`.
  const std::string js =
      "const twilio = require('twilio');\nfunction t(page) {\n"
      "  const c = new twilio.Capability(SID, TOKEN);\n  c.allowClientOutgoing(APP);\n";
  const auto jpair =
      run_fix_on("a.js", js + "  if (page === '/d') {\n    c.allowClientIncoming('agent');\n  } else {\n"
                              "    c.allowClientIncoming('customer');\n  }\n  return c.generate();\n}\n");
  REQUIRE(jpair.rewrites.at(0).status == Status::rewritten);
  CHECK(contains(jpair.patched, "  const voiceGrant = new AccessToken.VoiceGrant();\n  let identity;\n"));
  CHECK(contains(jpair.patched, "  } else {\n    voiceGrant.incomingAllow = true;\n    identity = 'customer';\n  }\n"));
  const auto elseif = run_fix_on(
      "b.js", js + "  if (page === '/d') {\n    c.allowClientIncoming('agent');\n  } else if (page === '/e') {\n"
                   "    c.allowClientIncoming('customer');\n  }\n  return c.generate();\n}\n");
  CHECK(elseif.rewrites.at(0).status == Status::needs_input);
}

TEST_CASE("fix: credentials spread from one value are not an account SID", "[fix]") {
  const auto f = run_fix_on("a.py",
                            "from twilio.jwt.client import ClientCapabilityToken\ndef t(client, name):\n"
                            "    cap = ClientCapabilityToken(*client.auth)\n    cap.allow_client_incoming(name)\n"
                            "    return cap.to_jwt()\n");
  REQUIRE(f.rewrites.size() == 1);
  CHECK(f.rewrites[0].reason_code == "spread-credentials");
}
