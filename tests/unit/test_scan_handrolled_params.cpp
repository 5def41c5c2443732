// Hand-rolled scope strings built from pieces (concatenation, interpolation, printf/format
// calls): each capability parameter is reported as the source expression that supplies it, its
// literal value when the whole parameter is written out, and a text showing both when literal
// text and run-time values mix.
#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"
#include "tests/unit/scan_test_util.h"

using namespace capmig;
using namespace capmig::scan;

namespace {

std::vector<Finding> scopes(std::string_view path, std::string_view src) {
  std::vector<Finding> out;
  for (auto& f : testing::scan_text(path, src))
    if (f.rule_id == "hand-rolled-scope") out.push_back(std::move(f));
  return out;
}

// "text | value" with the value as JSON (null when computed at run time).
std::string shown(const Finding& f, const char* field) {
  auto it = f.capability.fields.find(field);
  if (it == f.capability.fields.end()) return "<absent>";
  return it->second.text + " | " + (it->second.value ? boost::json::serialize(*it->second.value) : "null");
}

}  // namespace

TEST_CASE("printf-style format calls: each placeholder is the call's argument in order", "[scan][hand-rolled]") {
  SECTION("Go fmt.Sprintf, one scope per call") {
    auto f = scopes("caps.go",
                    "package caps\n"
                    "func (g *Grants) scopes() []string {\n"
                    "\tout := fmt.Sprintf(\"scope:client:outgoing?appSid=%s\", g.DialApp)\n"
                    "\tin := fmt.Sprintf(\"scope:client:incoming?clientName=%v\", g.Desk)\n"
                    "\treturn []string{in, out}\n"
                    "}\n");
    REQUIRE(f.size() == 1);  // one function's two scope strings are one token
    CHECK(shown(f[0], "outgoing_application_sid") == "g.DialApp | null");
    CHECK(shown(f[0], "incoming_client_name") == "g.Desk | null");
  }
  SECTION("Go: %% is a literal percent, %[n] picks an argument, verbs other than s") {
    auto f =
        scopes("caps.go",
               "package caps\n"
               "func s(n int, app string) string {\n"
               "\treturn fmt.Sprintf(\"scope:client:outgoing?appSid=%[2]s&appParams=pct%%3D%d&clientName=desk%d\", "
               "n, app)\n"
               "}\n");
    REQUIRE(f.size() == 1);
    CHECK(shown(f[0], "outgoing_application_sid") == "app | null");
  }
  SECTION("Java String.format, PHP sprintf, C snprintf") {
    auto j = scopes("T.java",
                    "class T { String s(Agent a) { return String.format("
                    "\"scope:client:incoming?clientName=%s scope:client:outgoing?appSid=%s\", a.getName(), APP_SID); "
                    "} }\n");
    REQUIRE(j.size() == 1);
    CHECK(shown(j[0], "incoming_client_name") == "a.getName() | null");
    CHECK(shown(j[0], "outgoing_application_sid") == "APP_SID | null");
    auto p = scopes("t.php", "<?php\n$scope = sprintf('scope:client:incoming?clientName=%s', $agent->login);\n");
    REQUIRE(p.size() == 1);
    CHECK(shown(p[0], "incoming_client_name") == "$agent->login | null");
    auto c = scopes("t.c",
                    "void f(char *buf, const char *who) {\n"
                    "  snprintf(buf, 256, \"scope:client:incoming?clientName=%s\", who);\n"
                    "}\n");
    REQUIRE(c.size() == 1);
    CHECK(shown(c[0], "incoming_client_name") == "who | null");
  }
  SECTION("Python % with one value and with a tuple") {
    auto f = scopes("t.py",
                    "one = 'scope:client:incoming?clientName=%s' % desk.name\n"
                    "two = 'scope:client:incoming?clientName=%s scope:client:outgoing?appSid=%s' % (who, cfg.app)\n");
    REQUIRE(f.size() == 2);
    CHECK(shown(f[0], "incoming_client_name") == "desk.name | null");
    CHECK(shown(f[1], "incoming_client_name") == "who | null");
    CHECK(shown(f[1], "outgoing_application_sid") == "cfg.app | null");
  }
}

TEST_CASE("brace format calls: {} {0} {name} take positional and named arguments", "[scan][hand-rolled]") {
  auto py = scopes("t.py",
                   "a = 'scope:client:incoming?clientName={}'.format(first)\n"
                   "b = 'scope:client:incoming?clientName={1}'.format(x, second)\n"
                   "c = 'scope:client:incoming?clientName={who}'.format(who=third.id)\n");
  REQUIRE(py.size() == 3);
  CHECK(shown(py[0], "incoming_client_name") == "first | null");
  CHECK(shown(py[1], "incoming_client_name") == "second | null");
  CHECK(shown(py[2], "incoming_client_name") == "third.id | null");
  auto cs =
      scopes("T.cs",
             "class T { string S(User u) { return string.Format("
             "\"scope:client:incoming?clientName={0} scope:client:outgoing?appSid={1}\", u.Login, appSid); } }\n");
  REQUIRE(cs.size() == 1);
  CHECK(shown(cs[0], "incoming_client_name") == "u.Login | null");
  CHECK(shown(cs[0], "outgoing_application_sid") == "appSid | null");
}

TEST_CASE("a format string held in a same-file constant takes the format call's arguments", "[scan][hand-rolled]") {
  auto f = scopes("caps.go",
                  "package caps\n"
                  "const grantFormat = \"scope:client:incoming?clientName=%s "
                  "scope:client:outgoing?appSid=%s&clientName=%s\"\n"
                  "func (d *Desk) scope(agent string) string {\n"
                  "\treturn fmt.Sprintf(grantFormat, agent, d.voiceApp, agent)\n"
                  "}\n");
  REQUIRE(f.size() == 1);
  CHECK(f[0].location.line == 2);
  CHECK(shown(f[0], "incoming_client_name") == "agent | null");
  CHECK(shown(f[0], "outgoing_application_sid") == "d.voiceApp | null");
  CHECK(shown(f[0], "outgoing_client_name") == "agent | null");
  // A constant passed as one of a format's values is not that call's format: its own
  // placeholder is not filled by the call's other values.
  auto v = scopes("caps.go",
                  "package caps\n"
                  "const outgoing = \"scope:client:outgoing?appSid=AP0123456789abcdef0123456789abcdef&clientName=%s\"\n"
                  "func s(extra string) string { return fmt.Sprintf(\"%s&appParams=%s\", outgoing, extra) }\n");
  REQUIRE(v.size() == 1);
  CHECK(shown(v[0], "outgoing_application_sid") ==
        "AP0123456789abcdef0123456789abcdef | \"AP0123456789abcdef0123456789abcdef\"");
  CHECK(shown(v[0], "outgoing_client_name") == "%s | null");
  // Go's grouped `const ( … )`: the name is defined inside the group, not as a statement.
  auto g = scopes(
      "twil.go",
      "package twil\nconst (\n\tscopeFmt = \"scope:client:incoming?clientName=%s "
      "scope:client:outgoing?appSid=%s&clientName=%s\"\n)\n"
      "func scope(client string, c *Cfg) string {\n\treturn fmt.Sprintf(scopeFmt, client, c.appSid, client)\n}\n");
  REQUIRE(g.size() == 1);
  CHECK(shown(g[0], "incoming_client_name") == "client | null");
  CHECK(shown(g[0], "outgoing_application_sid") == "c.appSid | null");
}

TEST_CASE("concatenation: each operand that is not a literal fills the parameter it stands in", "[scan][hand-rolled]") {
  SECTION("Go, JavaScript, Java") {
    for (const auto& [path, src] : std::vector<std::pair<std::string, std::string>>{
             {"c.go",
              "package c\nfunc s(c *Conf) string {\n\treturn \"scope:client:incoming?clientName=\" + c.desk + "
              "\" scope:client:outgoing?appSid=\" + c.voiceApp + \"&clientName=\" + c.desk\n}\n"},
             {"c.js",
              "const s = 'scope:client:incoming?clientName=' + c.desk + ' scope:client:outgoing?appSid=' + "
              "c.voiceApp + '&clientName=' + c.desk;\n"},
             {"C.java",
              "class C { String s() { return \"scope:client:incoming?clientName=\" + c.desk + "
              "\" scope:client:outgoing?appSid=\" + c.voiceApp + \"&clientName=\" + c.desk; } }\n"},
         }) {
      INFO(path);
      auto f = scopes(path, src);
      REQUIRE(f.size() == 1);
      CHECK(shown(f[0], "incoming_client_name") == "c.desk | null");
      CHECK(shown(f[0], "outgoing_application_sid") == "c.voiceApp | null");
      CHECK(shown(f[0], "outgoing_client_name") == "c.desk | null");
    }
  }
  SECTION("browser storage, an empty appParams means no params") {
    auto f = scopes("softphone.js",
                    "dev.scope = 'scope:client:outgoing?appSid=' + sessionStorage.dialSid + "
                    "'&appParams=&clientName=' + sessionStorage.seat + ' scope:client:incoming?clientName=' + "
                    "sessionStorage.seat;\n");
    REQUIRE(f.size() == 1);
    CHECK(shown(f[0], "outgoing_application_sid") == "sessionStorage.dialSid | null");
    CHECK(shown(f[0], "outgoing_client_name") == "sessionStorage.seat | null");
    CHECK(shown(f[0], "incoming_client_name") == "sessionStorage.seat | null");
    CHECK(shown(f[0], "outgoing_params") == "<absent>");
  }
  SECTION("PHP '.', Ruby '+'") {
    auto p = scopes("t.php", "<?php\n$s = 'scope:client:incoming?clientName=' . $user->handle;\n");
    REQUIRE(p.size() == 1);
    CHECK(shown(p[0], "incoming_client_name") == "$user->handle | null");
    auto r = scopes("t.rb", "scope = 'scope:client:outgoing?appSid=' + ENV['DIAL_APP']\n");
    REQUIRE(r.size() == 1);
    CHECK(shown(r[0], "outgoing_application_sid") == "ENV['DIAL_APP'] | null");
  }
  SECTION("a parameter written out in full keeps its value; a whole appParams operand is its text") {
    auto f = scopes("c.js",
                    "const s = 'scope:client:outgoing?appSid=AP0123456789abcdef0123456789abcdef&appParams=' + "
                    "encodeURIComponent(qs) + '&clientName=' + seat;\n");
    REQUIRE(f.size() == 1);
    CHECK(shown(f[0], "outgoing_application_sid") ==
          "AP0123456789abcdef0123456789abcdef | \"AP0123456789abcdef0123456789abcdef\"");
    CHECK(shown(f[0], "outgoing_client_name") == "seat | null");
    CHECK(shown(f[0], "outgoing_params") == "encodeURIComponent(qs) | null");
  }
}

TEST_CASE("literal text and run-time values in one parameter: the text shows both", "[scan][hand-rolled]") {
  SECTION("concatenation: the sub-expression that builds the value") {
    auto f = scopes("c.js", "const s = \"scope:client:incoming?clientName=volunteer_\" + userId + \"_desk\";\n");
    REQUIRE(f.size() == 1);
    CHECK(shown(f[0], "incoming_client_name") == "\"volunteer_\" + userId + \"_desk\" | null");
    auto p = scopes("t.php", "<?php\n$s = 'scope:client:incoming?clientName=agent-' . $id;\n");
    REQUIRE(p.size() == 1);
    CHECK(shown(p[0], "incoming_client_name") == "'agent-' . $id | null");
  }
  SECTION("interpolation: the interpolated piece, in the literal's own quotes") {
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {"T.cs", "var c = new Claim(\"scope\", $\"scope:client:incoming?clientName=volunteer_{userId}\");\n",
         "$\"volunteer_{userId}\""},
        {"t.js", "const s = `scope:client:incoming?clientName=volunteer_${userId}`;\n", "`volunteer_${userId}`"},
        {"t.rb", "s = \"scope:client:incoming?clientName=volunteer_#{user_id}\"\n", "\"volunteer_#{user_id}\""},
        {"t.py", "s = f\"scope:client:incoming?clientName=volunteer_{user_id}\"\n", "f\"volunteer_{user_id}\""},
        {"t.swift", "let s = \"scope:client:incoming?clientName=volunteer_\\(userId)\"\n", "\"volunteer_\\(userId)\""},
        {"t.kt", "val s = \"scope:client:incoming?clientName=volunteer_${user.id}\"\n", "\"volunteer_${user.id}\""},
        {"u.kt", "val s = \"scope:client:incoming?clientName=volunteer_$userId\"\n", "\"volunteer_$userId\""},
        {"t.php", "<?php\n$s = \"scope:client:incoming?clientName=volunteer_$userId\";\n", "\"volunteer_$userId\""},
        {"u.php", "<?php\n$s = \"scope:client:incoming?clientName=volunteer_{$user->id}\";\n",
         "\"volunteer_{$user->id}\""},
    };
    for (const auto& [path, src, text] : cases) {
      INFO(path);
      auto f = scopes(path, src);
      REQUIRE(f.size() == 1);
      CHECK(shown(f[0], "incoming_client_name") == text + " | null");
    }
  }
  SECTION("interpolation: a parameter that is one interpolation is its expression") {
    auto f =
        scopes("t.kt", "val s = \"scope:client:incoming?clientName=$desk scope:client:outgoing?appSid=${cfg.app}\"\n");
    REQUIRE(f.size() == 1);
    CHECK(shown(f[0], "incoming_client_name") == "desk | null");
    CHECK(shown(f[0], "outgoing_application_sid") == "cfg.app | null");
    auto p = scopes("t.php", "<?php\n$s = \"scope:client:incoming?clientName={$agent->name}\";\n");
    REQUIRE(p.size() == 1);
    CHECK(shown(p[0], "incoming_client_name") == "$agent->name | null");
  }
  SECTION("format call: the piece formatted with the arguments it uses") {
    auto f = scopes("t.go",
                    "package t\nfunc s(id, app string) string {\n"
                    "\treturn fmt.Sprintf(\"scope:client:outgoing?appSid=%s&clientName=agent_%s\", app, id)\n}\n");
    REQUIRE(f.size() == 1);
    CHECK(shown(f[0], "outgoing_application_sid") == "app | null");
    CHECK(shown(f[0], "outgoing_client_name") == "fmt.Sprintf(\"agent_%s\", id) | null");
    auto p = scopes("t.py", "s = 'scope:client:incoming?clientName=agent_{}'.format(uid)\n");
    REQUIRE(p.size() == 1);
    CHECK(shown(p[0], "incoming_client_name") == "'agent_{}'.format(uid) | null");
  }
}

TEST_CASE("pieces added with += after the scope is bound belong to it", "[scan][hand-rolled]") {
  auto go = scopes("caps.go",
                   "package caps\n"
                   "func (g *Grants) outgoing() string {\n"
                   "\tscope := fmt.Sprintf(\"scope:client:outgoing?appSid=%s\", g.DialApp)\n"
                   "\tif g.Desk != \"\" {\n"
                   "\t\tscope += fmt.Sprintf(\"&clientName=%s\", g.Desk)\n"
                   "\t}\n"
                   "\treturn scope\n"
                   "}\n"
                   "func (g *Grants) other() string {\n"
                   "\tscope := \"x\"\n"
                   "\tscope += \"&clientName=\" + g.Other\n"
                   "\treturn scope\n"
                   "}\n");
  REQUIRE(go.size() == 1);
  CHECK(shown(go[0], "outgoing_application_sid") == "g.DialApp | null");
  CHECK(shown(go[0], "outgoing_client_name") == "g.Desk | null");
  // A piece that is a scope of its own is read on its own, then joins the same token's finding.
  auto js = scopes("c.js",
                   "let scope = 'scope:client:outgoing?appSid=' + app;\n"
                   "scope += '&clientName=' + seat;\n"
                   "scope += ' scope:client:incoming?clientName=' + seat;\n");
  REQUIRE(js.size() == 1);
  CHECK(shown(js[0], "outgoing_client_name") == "seat | null");
  CHECK(shown(js[0], "incoming_client_name") == "seat | null");
}

TEST_CASE("an incoming and an outgoing scope string of one function are one token", "[scan][hand-rolled]") {
  SECTION("an array of both, each under its own if, a claims list") {
    auto ts = scopes("t.ts",
                     "const scope = [\n  `scope:client:incoming?clientName=${who}`,\n"
                     "  `scope:client:outgoing?appSid=${app}&clientName=${who}`\n].join(' ');\n");
    REQUIRE(ts.size() == 1);
    CHECK(shown(ts[0], "incoming_client_name") == "who | null");
    CHECK(shown(ts[0], "outgoing_application_sid") == "app | null");
    CHECK(ts[0].location.line == 2);
    auto go = scopes(
        "c.go",
        "package c\nfunc scopes(c Caps) []string {\n\tout := []string{}\n"
        "\tif c.App != \"\" {\n\t\tout = append(out, fmt.Sprintf(\"scope:client:outgoing?appSid=%s\", c.App))\n\t}\n"
        "\tif c.Name != \"\" {\n\t\tout = append(out, fmt.Sprintf(\"scope:client:incoming?clientName=%s\", "
        "c.Name))\n\t}\n"
        "\treturn out\n}\n");
    REQUIRE(go.size() == 1);
    CHECK(shown(go[0], "incoming_client_name") == "c.Name | null");
    auto cs = scopes("T.cs",
                     "class T { List<Claim> C(string id) { return new List<Claim> {\n"
                     "  new Claim(\"scope\", $\"scope:client:outgoing?appSid={Cfg.App}\"),\n"
                     "  new Claim(\"scope\", $\"scope:client:incoming?clientName={id}\")\n}; } }\n");
    REQUIRE(cs.size() == 1);
    auto py = scopes("c.py",
                     "def scopes(c):\n    out = []\n    if c.app:\n"
                     "        out.append('scope:client:outgoing?appSid=' + c.app)\n    if c.name:\n"
                     "        out.append('scope:client:incoming?clientName=' + c.name)\n    return out\n");
    REQUIRE(py.size() == 1);
    CHECK(shown(py[0], "incoming_client_name") == "c.name | null");
  }
  SECTION("not across a function boundary, not two of a kind") {
    auto java = scopes("T.java",
                       "class T {\n  String in(String n) { return \"scope:client:incoming?clientName=\" + n; }\n"
                       "  String out(String a) {\n    return \"scope:client:outgoing?appSid=\" + a;\n  }\n}\n");
    CHECK(java.size() == 2);
    auto py = scopes("t.py",
                     "def incoming(n):\n    return 'scope:client:incoming?clientName=' + n\n\n"
                     "def outgoing(a):\n    return 'scope:client:outgoing?appSid=' + a\n");
    CHECK(py.size() == 2);
    auto js = scopes("t.js",
                     "const a = (n) => 'scope:client:incoming?clientName=' + n;\n"
                     "const b = (x) => 'scope:client:outgoing?appSid=' + x;\n");
    CHECK(js.size() == 2);
    auto twice = scopes("t.js",
                        "const s = ['scope:client:incoming?clientName=' + a,\n"
                        "           'scope:client:incoming?clientName=' + b];\n");
    CHECK(twice.size() == 2);  // two identities: never one token's identity
    // Alternatives: one path reaches one scope, another path the other.
    for (const char* src :
         {"function s(agent) {\n  if (agent) {\n    scope = 'scope:client:incoming?clientName=' + n;\n  } else {\n"
          "    scope = 'scope:client:outgoing?appSid=' + app;\n  }\n}\n",
          "function s(agent) {\n  const scope = agent\n    ? 'scope:client:incoming?clientName=' + n\n"
          "    : 'scope:client:outgoing?appSid=' + app;\n}\n",
          "function s(agent) {\n  if (agent) return sign('scope:client:incoming?clientName=' + n);\n"
          "  return sign('scope:client:outgoing?appSid=' + app);\n}\n"}) {
      INFO(src);
      CHECK(scopes("t.js", src).size() == 2);
    }
  }
}

TEST_CASE("a hand-rolled token's ttl is what its exp claim adds to the current time", "[scan][hand-rolled]") {
  auto ts = scopes("t.ts",
                   "export function mint(who: string) {\n  const now = Math.floor(Date.now() / 1000);\n"
                   "  const exp = now + 3600;\n  const scope = `scope:client:incoming?clientName=${who}`;\n"
                   "  return sign({ iss: SID, exp: exp, scope });\n}\n");
  REQUIRE(ts.size() == 1);
  CHECK(shown(ts[0], "ttl") == "3600 | 3600");
  auto py = scopes("t.py",
                   "def mint(name, ttl):\n    payload = {'scope': 'scope:client:incoming?clientName=' + name,\n"
                   "               'exp': int(time.time()) + ttl}\n    return payload\n");
  REQUIRE(py.size() == 1);
  CHECK(shown(py[0], "ttl") == "ttl | null");
  auto php = scopes("t.php",
                    "<?php\nfunction mint($n) {\n  $p = array('scope' => 'scope:client:incoming?clientName=' . $n,\n"
                    "    'exp' => time() + 600);\n}\n");
  REQUIRE(php.size() == 1);
  CHECK(shown(php[0], "ttl") == "600 | 600");
  auto cs = scopes(
      "T.cs",
      "class T { string M(string id) {\n  var c = new Claim(\"scope\", $\"scope:client:incoming?clientName={id}\");\n"
      "  var d = new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddHours(8) };\n  return W(c, d); } }\n");
  REQUIRE(cs.size() == 1);
  CHECK(shown(cs[0], "ttl") == "AddHours(8) | 28800");
  auto go = scopes("c.go",
                   "package c\nfunc T(c Caps) string {\n\tclaims := jwt.MapClaims{\n"
                   "\t\t\"scope\": fmt.Sprintf(\"scope:client:incoming?clientName=%s\", c.Name),\n"
                   "\t\t\"exp\":   time.Now().Add(time.Hour).Unix(),\n\t}\n\treturn sign(claims)\n}\n");
  REQUIRE(go.size() == 1);
  CHECK(shown(go[0], "ttl") == "time.Hour | 3600");
  SECTION("no ttl: a package-level format, an exp that is not now plus a lifetime, none near") {
    auto konst = scopes("c.go",
                        "package c\nconst f = \"scope:client:incoming?clientName=%s\"\n"
                        "func T() { claims[\"exp\"] = time.Now().Add(ttl).Unix() }\n");
    REQUIRE(konst.size() == 1);
    CHECK(shown(konst[0], "ttl") == "<absent>");
    auto fixed = scopes("t.js",
                        "function m(n) { return sign({ scope: 'scope:client:incoming?clientName=' + n, exp: "
                        "EXPIRY }); }\n");
    REQUIRE(fixed.size() == 1);
    CHECK(shown(fixed[0], "ttl") == "<absent>");
  }
}

TEST_CASE("a scope string a test only compares against is its expected value, not a mint", "[scan][hand-rolled]") {
  // A helper library's own suite or an app's tests of its signer (probe C2 097): the literal
  // is asserted, directly or through a name.
  CHECK(scopes("tests/test_client.py",
               "import unittest\n\nclass T(unittest.TestCase):\n    def test_in(self):\n"
               "        eurl = \"scope:client:incoming?clientName=andy\"\n"
               "        assert_equal(tok['scope'], eurl)\n"
               "        self.assertIn(\"scope:client:outgoing?appSid=AP123\", tok['scope'])\n")
            .empty());
  CHECK(scopes("test_scope.py",
               "def test_scope(payload):\n    expected = \"scope:client:incoming?clientName=ann\"\n"
               "    assert payload['scope'] == expected\n")
            .empty());
  CHECK(scopes("signer.test.js",
               "describe('signer', () => {\n  it('scopes', () => {\n"
               "    expect(scopeFor('ann')).toBe('scope:client:incoming?clientName=ann');\n  });\n});\n")
            .empty());
  // The same test file building a scope it then signs is still a mint.
  CHECK(scopes("test_fixture.py",
               "import pytest\n\n@pytest.fixture\ndef token(sign):\n"
               "    scope = 'scope:client:incoming?clientName=' + 'ann'\n    return sign({'scope': scope})\n")
            .size() == 1);
}
