#!/usr/bin/env bash
# Generated Access Token code must be valid in its language.
#  1. capmig_tests "[codegen-export]" writes the code for several mappings (literal values,
#     source expressions, escaping, identity missing, >10 params) in both quote styles; each is
#     checked with node --check, python3 -m py_compile, ruby -c, php -l, and javac against a stub
#     of com.twilio.jwt.accesstoken. Identity-missing code must NOT compile in Java.
#  2. The generated node code is run against twilio-node 6.2.0 (tests/interop/node_modules, when
#     installed) at the vector's clock: it must mint the vector's Access Token byte for byte.
#  3. `capmig map TOKEN --as LANG` over every capability vector gets the same syntax checks.
# C# has no compiler here: its output is covered by golden unit tests only.
# usage: bash tests/e2e/codegen_syntax.sh /path/to/capmig   (cwd: repo root)
set -u
capmig=${1:?usage: codegen_syntax.sh /path/to/capmig}
tests_bin=$(dirname "$capmig")/capmig_tests
vectors=${CAPMIG_SHARED_DIR:-$PWD/../shared}/vectors/capability_tokens.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checked=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null 2>&1 || { echo "codegen_syntax: '$1' not installed" >&2; exit 2; }; }
need node; need ruby; need php; need javac; need /usr/bin/python3

# ---- checkers: $1 = snippet file, $2 = label --------------------------------------------------
check_node() { cp "$1" "$work/check.js"; node --check "$work/check.js" 2>"$work/err" || fail "$2: node --check: $(cat "$work/err")"; }
check_python() { cp "$1" "$work/check.py"; /usr/bin/python3 -m py_compile "$work/check.py" 2>"$work/err" || fail "$2: py_compile: $(cat "$work/err")"; }
check_ruby() { ruby -c "$1" >/dev/null 2>"$work/err" || fail "$2: ruby -c: $(cat "$work/err")"; }
check_php() { { echo '<?php'; cat "$1"; } >"$work/check.php"; php -l "$work/check.php" >"$work/err" 2>&1 || fail "$2: php -l: $(cat "$work/err")"; }

# Java: a stub of the twilio-java 10.8+ API, then the snippet wrapped in a method whose parameters
# are the source expressions the "source" mapping refers to.
java_stub=$work/java-stub
mkdir -p "$java_stub/com/twilio/jwt/accesstoken" "$work/java-classes"
cat >"$java_stub/com/twilio/jwt/accesstoken/Grant.java" <<'EOF'
package com.twilio.jwt.accesstoken;
public interface Grant {}
EOF
cat >"$java_stub/com/twilio/jwt/accesstoken/VoiceGrant.java" <<'EOF'
package com.twilio.jwt.accesstoken;
public class VoiceGrant implements Grant {
    public VoiceGrant setIncomingAllow(Boolean allow) { return this; }
    public VoiceGrant setOutgoingApplicationSid(String sid) { return this; }
    public VoiceGrant setOutgoingApplication(String sid, java.util.Map<String, Object> params) { return this; }
}
EOF
cat >"$java_stub/com/twilio/jwt/accesstoken/AccessToken.java" <<'EOF'
package com.twilio.jwt.accesstoken;
public class AccessToken {
    public String toJwt() { return ""; }
    public static class Builder {
        public Builder(String accountSid, String signingKeySid, byte[] secret) {}
        public Builder identity(String identity) { return this; }
        public Builder ttl(int ttl) { return this; }
        public Builder grant(Grant grant) { return this; }
        public AccessToken build() { return new AccessToken(); }
    }
}
EOF
javac -d "$work/java-classes" "$java_stub"/com/twilio/jwt/accesstoken/*.java || { echo "java stub does not compile" >&2; exit 2; }
# twilio-java 7.19.0-10.7.x (mapping/targets/java-string-secret.tmpl): the same API with a String
# secret, on Java 8 (--release 8: no Map.of).
java7_stub=$work/java7-stub
mkdir -p "$java7_stub/com/twilio/jwt/accesstoken" "$work/java7-classes"
cp "$java_stub"/com/twilio/jwt/accesstoken/{Grant,VoiceGrant}.java "$java7_stub/com/twilio/jwt/accesstoken/"
sed 's/byte\[\] secret/String secret/' "$java_stub/com/twilio/jwt/accesstoken/AccessToken.java" \
  >"$java7_stub/com/twilio/jwt/accesstoken/AccessToken.java"
javac --release 8 -d "$work/java7-classes" "$java7_stub"/com/twilio/jwt/accesstoken/*.java ||
  { echo "java 7.x stub does not compile" >&2; exit 2; }

java_n=0
# $1 = snippet, $2 = label, $3 = result variable, $4 = batch (java or java7). Imports are the
# snippet's `import` lines.
check_java() {
  java_n=$((java_n + 1))
  local cls=Snippet$java_n dir=$work/java-$java_n batch=${4:-java}
  local classes=$work/java-classes release=
  [ "$batch" = java7 ] && classes=$work/java7-classes release="--release 8"
  mkdir -p "$dir"
  {
    grep '^import ' "$1"
    echo "public class $cls {"
    echo "  static String run(String accountSid, String clientName, String appSid,"
    echo "                    java.util.Map<String, String> params, int ttl) throws Exception {"
    grep -v '^import ' "$1"
    echo "    return $3;"
    echo "  }"
    echo "}"
  } >"$dir/$cls.java"
  if grep -q CAPMIG_TODO_SET_IDENTITY "$1"; then
    # Identity missing: the code must refuse to compile, on exactly that name.
    # shellcheck disable=SC2086
    if javac $release -d "$dir" -cp "$classes" "$dir/$cls.java" 2>"$work/err"; then
      fail "$2: javac accepted code whose identity is missing"
    elif ! grep -q 'symbol: *variable CAPMIG_TODO_SET_IDENTITY' "$work/err" ||
         [ "$(grep -c 'error:' "$work/err")" != 1 ]; then
      fail "$2: javac failed for another reason: $(cat "$work/err")"
    fi
  else
    echo "$dir/$cls.java $2" >>"$work/$batch-batch"  # compiled together at the end: javac is slow to start
  fi
}
compile_java_batch() {  # $1 = batch: java (10.8+ stub) or java7 (7.19-10.7 stub, Java 8)
  local batch=${1:-java} classes=$work/java-classes release=
  [ "$batch" = java7 ] && classes=$work/java7-classes release="--release 8"
  [ -s "$work/$batch-batch" ] || return 0
  mkdir -p "$work/$batch-batch-out"
  # shellcheck disable=SC2046,SC2086
  javac $release -d "$work/$batch-batch-out" -cp "$classes" $(cut -d' ' -f1 "$work/$batch-batch") 2>"$work/err" && return 0
  while read -r file label; do
    grep -q "^$file:" "$work/err" && fail "$label: javac: $(grep -A3 "^$file:" "$work/err")"
  done <"$work/$batch-batch"
  grep -q error "$work/err" || fail "javac: $(cat "$work/err")"
}

check_any() {  # $1 = lang, $2 = snippet file, $3 = label, $4 = result variable
  checked=$((checked + 1))
  case $1 in
    node) check_node "$2" "$3" ;;
    python) check_python "$2" "$3" ;;
    ruby) check_ruby "$2" "$3" ;;
    php) check_php "$2" "$3" ;;
    java) check_java "$2" "$3" "$4" ;;
    java-string-secret) check_java "$2" "$3" "$4" java7 ;;
    csharp) checked=$((checked - 1)) ;;  # golden tests only
  esac
}

# ---- 1. library output ------------------------------------------------------------------------
out=$work/export
mkdir -p "$out"
[ -x "$tests_bin" ] || { echo "codegen_syntax: $tests_bin not built" >&2; exit 2; }
if ! CAPMIG_CODEGEN_OUT=$out "$tests_bin" "[codegen-export]" >"$work/export.log" 2>&1; then
  cat "$work/export.log" >&2
  echo "codegen_syntax: export failed" >&2
  exit 1
fi
for snippet in "$out"/*.snippet; do
  file=$(basename "$snippet" .snippet)   # <case>[-dq].<lang> or vector-<name>.node
  lang=${file##*.}
  result=$(cat "$out/$file.result" 2>/dev/null || echo jwt)
  check_any "$lang" "$snippet" "$file" "$result"
done
# The anonymous case must fail at run time in node, on the placeholder name.
if [ -f "$out/anonymous.node.snippet" ]; then
  { sed 's/require(.twilio.)/({ jwt: { AccessToken: class { constructor() {} } } })/' "$out/anonymous.node.snippet"; } >"$work/anon.js"
  if node "$work/anon.js" 2>"$work/err"; then
    fail "anonymous.node: ran although the identity is missing"
  elif ! grep -q 'ReferenceError: CAPMIG_TODO_SET_IDENTITY is not defined' "$work/err"; then
    fail "anonymous.node: unexpected failure: $(head -5 "$work/err")"
  fi
fi
# PHP: the identity-missing placeholder throws (stub classes stand in for twilio-php).
if [ -f "$out/anonymous.php.snippet" ]; then
  {
    echo '<?php'
    echo 'namespace Twilio\Jwt\Grants { class VoiceGrant { function __call($n, $a) { return $this; } } }'
    echo 'namespace Twilio\Jwt { class AccessToken { function __construct(...$a) {} function addGrant($g) {} function toJWT() { return "x"; } } }'
    echo 'namespace {'
    sed '/^\/\/ capmig:/d' "$out/anonymous.php.snippet"
    echo '}'
  } >"$work/anon.php"
  if php "$work/anon.php" >"$work/err" 2>&1; then
    fail "anonymous.php: ran although the identity is missing"
  elif ! grep -q 'LogicException.*capmig identity-missing' "$work/err"; then
    fail "anonymous.php: unexpected failure: $(head -5 "$work/err")"
  fi
fi

# ---- 2. node code mints the vectors' Access Tokens byte for byte -------------------------------
twilio6=$PWD/tests/interop/node_modules/twilio6
if [ -d "$twilio6" ]; then
  mkdir -p "$work/run/node_modules"
  ln -s "$twilio6" "$work/run/node_modules/twilio"
  minted=0
  for snippet in "$out"/vector-*.node.snippet; do
    [ -e "$snippet" ] || continue
    name=$(basename "$snippet" .node.snippet)
    {
      echo "Date.now = () => Number(process.env.CAPMIG_NOW) * 1000;"
      cat "$snippet"
      echo "process.stdout.write(jwt);"
    } >"$work/run/$name.js"
    got=$(env $(cat "$out/$name.env") node "$work/run/$name.js" 2>"$work/err") || { fail "$name: node run: $(head -5 "$work/err")"; continue; }
    [ "$got" = "$(cat "$out/$name.expected")" ] || fail "$name: minted $got, expected $(cat "$out/$name.expected")"
    minted=$((minted + 1))
  done
  [ "$minted" -gt 0 ] || fail "no vector was minted through generated node code"
  echo "codegen_syntax: $minted vector tokens re-minted by generated node code"
else
  echo "codegen_syntax: skipping the twilio-node run ($twilio6 not installed)"
fi

# ---- 3. capmig map --as over the capability vectors -------------------------------------------
if [ -f "$vectors" ]; then
  /usr/bin/python3 -c 'import json,sys
for v in json.load(open(sys.argv[1]))["vectors"]: print(v["name"], v["token"])' "$vectors" >"$work/tokens"
  while read -r name token; do
    for lang in node python java ruby php csharp; do
      "$capmig" map "$token" --as "$lang" >"$work/cli.snippet" 2>"$work/cli.err"
      if [ ! -s "$work/cli.snippet" ]; then
        fail "capmig map $name --as $lang printed no code: $(head -3 "$work/cli.err")"
        continue
      fi
      check_any "$lang" "$work/cli.snippet" "cli:$name.$lang" jwt
    done
  done <"$work/tokens"
else
  fail "no vectors at $vectors"
fi

compile_java_batch java
compile_java_batch java7
echo "codegen_syntax: $checked snippets checked, $failures failures"
[ "$failures" -eq 0 ]
