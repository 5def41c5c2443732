#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/corpus/ from shared/vectors plus hand-made edge cases.

Usage: python3 fuzz/make_corpus.py [path/to/shared/vectors]
The corpora are committed; rerun this only when the vectors change. Keep them small.
"""
import base64
import json
import pathlib
import re
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "vectors"
CORPUS = HERE / "corpus"


def b64d(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def load(name):
    return json.loads((VECTORS / f"{name}.json").read_text())["vectors"]


def write(target: str, name: str, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:80]
    (d / safe).write_bytes(data)


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    cap, acc, bad, tol = load("capability_tokens"), load("access_tokens"), load("malformed_tokens"), load("tolerated_tokens")

    # fuzz_decode: every vector token as is; good tokens also as "<header JSON>\n<payload JSON>",
    # which the harness encodes and signs itself.
    # The corpora together stay under 200 files: a spread of vectors is enough to seed.
    for group, vs in (("cap", cap[::2]), ("acc", acc[::2]), ("bad", bad), ("tol", tol)):
        for v in vs:
            write("fuzz_decode", f"{group}-{v['name']}", v["token"])
    for group, vs in (("cap", cap[1::5]), ("acc", acc[1::4]), ("tol", tol)):
        for v in vs:
            h, p, _ = v["token"].split(".")
            write("fuzz_decode", f"json-{group}-{v['name']}", b64d(h) + b"\n" + b64d(p))
    hs = '{"alg":"HS256","typ":"JWT"}'
    for name, payload in {
        "taskrouter": '{"version":"v1","account_sid":"AC0123456789abcdef0123456789abcdef","workspace_sid":"WS1",'
                      '"channel":"WK1","policies":[{"url":"u","method":"GET","allow":true}],"iss":"AC1","exp":1700000600}',
        "unknown": '{"iss":"XX","exp":1}',
        "scope-edge": '{"scope":"scope:client:outgoing?appSid=AP1&appParams=a%3D%25%26a%3D2&appParams=x scope:x:y? scope: '
                      'scope:stream:subscribe?path=%2F&params=%FF%3D%C0%80","iss":"AC1","exp":9223372036854775807,"iat":0}',
        "exp-huge-fraction": '{"scope":"scope:client:incoming?clientName=%E2%82","iss":"AC1","exp":9.2233720368547758e18}',
        "exp-string-long": '{"scope":"scope:client:incoming","iss":"AC1","exp":"999999999999999999.9"}',
        "grants-deep": '{"jti":"SK1-1","grants":{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":'
                       '{"a":{"b":[[[[1]]]]}}}}},"iat":0,"exp":1,"iss":"SK1","sub":"AC1"}',
    }.items():
        write("fuzz_decode", f"edge-{name}", hs + "\n" + payload)
    for name, tok in {
        "empty": "", "dots": "..", "four-parts": "eyJ.eyJ.x.y", "one-mod-four": "a.b.c",
        "nul": "eyJhbGciOiJIUzI1NiJ9\x00.e30.", "space": "eyJhbGciOiJIUzI1NiJ9 .e30.",
    }.items():
        write("fuzz_decode", f"edge-{name}", tok)

    # fuzz_form: each scope's query, each appParams/params value, and the §1.3 escapes.
    seen = set()
    for v in cap:
        for uri in v["payload"].get("scope", "").split(" "):
            q = uri.partition("?")[2]
            if q and q not in seen and len(seen) < 20:
                seen.add(q)
                write("fuzz_form", f"query-{len(seen):02d}", q)
    for name, s in {
        "plus": "a+b=c+d", "pct-trunc1": "%", "pct-trunc2": "a=%4", "pct-bad": "%zz%G0",
        "overlong": "k=%C0%80", "surrogate": "k=%ED%A0%80", "above-max": "k=%F4%90%80%80",
        "trunc-utf8": "k=%E2%82", "raw-invalid": "k=\xff\xfe", "repeat": "a=1&b=2&a=3",
        "empty-pairs": "&&=&a&=b&", "double": "foo%3Dbar%2520baz%26foo%3Dq", "ruby-hash": "%7B%22k%22%3D%3E%22v%2Fw%22%7D",
        "upper-lower": "%2f%2F%e2%82%ac", "nul": "a%00=b\x00c",
    }.items():
        write("fuzz_form", f"edge-{name}", s.encode("latin-1"))

    # fuzz_strict_json: first byte = depth limit selector (32 -> limit 33), then the document.
    def sj(name, doc, depth=31):
        write("fuzz_strict_json", name, bytes([depth]) + (doc if isinstance(doc, bytes) else doc.encode()))
    for group, vs in (("cap", cap[:4]), ("acc", acc[:4]), ("tol", tol)):
        for v in vs:
            h, p, _ = v["token"].split(".")
            sj(f"{group}-{v['name']}-h", b64d(h))
            sj(f"{group}-{v['name']}-p", b64d(p))
    for v in bad:
        if v["expect"] == "bad-json":
            h, p, _ = v["token"].split(".")
            sj(f"bad-{v['name']}-h", b64d(h))
            sj(f"bad-{v['name']}-p", b64d(p))
    for name, doc in {
        "dup": '{"a":1,"a":2}', "dup-nested": '{"a":{"b":1,"b":1}}', "dup-escaped": '{"a":1,"\\u0061":2}',
        "deep": "[" * 40 + "]" * 40, "deep-obj": '{"a":' * 40 + "1" + "}" * 40, "nan": "[NaN]",
        "inf": "[1e309]", "zero-e309": "[0e309]", "neg-zero": "[-0.0,-0]", "big-int": "[18446744073709551616,9223372036854775808]",
        "lone-surrogate": '["\\ud800"]', "pair": '["\\ud83d\\ude00"]', "trailing": "{} {}",
        "trailing-comma": "[1,]", "comment": "[1/*c*/]", "ws": " \t\n\r{} \n", "scalar": '"x"',
        "long-key": '{"' + "k" * 3000 + '":1}', "many-keys": "{" + ",".join(f'"k{i}":{i}' for i in range(300)) + "}",
    }.items():
        sj(f"edge-{name}", doc)
    sj("edge-overlong", b'["\xc0\x80"]')
    sj("edge-raw-surrogate", b'["\xed\xa0\x80"]')
    sj("edge-depth1", "[[1]]", 0)


if __name__ == "__main__":
    main()
