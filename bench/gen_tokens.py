#!/usr/bin/env python3
"""Writes N realistic HS256 tokens, one per line, all signed with one fixed key.

Usage: gen_tokens.py OUT N KEY [SEED]

The mix follows TOKENS.md §1.1–1.3 and §2: capability tokens in the header bytes, payload
key order and scope escaping of each library generation there (node 6.x/2.x, python 7.x/5.x,
ruby 4.x/7.x, php, java 12.x/6.x, C# 5.x), and access tokens as node 6.2.0 and python 7.7.1
mint them. Names, SIDs, params and clocks vary per token. Deterministic for a given seed.
"""
import base64
import hashlib
import hmac
import json
import random
import sys
from urllib.parse import quote, quote_plus

NOW = 1700000000


def b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def sign(header: str, payload: str, key: bytes) -> str:
    si = b64(header.encode()) + "." + b64(payload.encode())
    return si + "." + b64(hmac.new(key, si.encode(), hashlib.sha256).digest())


def compact(o) -> str:
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False)


# Escapers per library (TOKENS.md §1.3).
def node_esc(s):   return quote(s, safe="-_.!~*'()")
def py_esc(s):     return quote_plus(s, safe="")
def ruby_esc(s):   return quote_plus(s, safe="")
def php_esc(s):    return quote_plus(s, safe="").replace("~", "%7E")
def java_esc(s):   return quote_plus(s, safe="*").replace("~", "%7E")
def cs_esc(s):     return quote_plus(s, safe="!*()").replace("~", "%7E")


def inner(params, esc):
    return "&".join(esc(k) + "=" + esc(v) for k, v in params.items())


class Rand:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def sid(self, prefix):
        return prefix + "".join(self.r.choice("0123456789abcdef") for _ in range(32))

    def name(self):
        r = self.r
        return r.choice(["alice", "bob", "agent", "support", "user", "desk", "sales"]) + \
            r.choice(["", "_", ""]) + str(r.randrange(100000))

    def params(self):
        r = self.r
        pool = [("To", "+1555" + str(r.randrange(10**7)).zfill(7)), ("foo", "bar baz"), ("lang", r.choice(["en", "fr", "de-DE"])),
                ("queue", "q/" + str(r.randrange(100))), ("note", "50% off & more"), ("customer", "Zoë " + str(r.randrange(1000)))]
        return dict(r.sample(pool, r.randrange(0, 4)))

    def filters(self):
        return dict(self.r.sample([("k", "v/w"), ("account", "x"), ("call", "y z")], self.r.randrange(1, 3)))


def capability(rnd: Rand, lib: str, key: bytes) -> str:
    r = rnd.r
    acct = rnd.sid("AC")
    iat = NOW - r.randrange(0, 86400 * 30)
    ttl = r.choice([600, 3600, 3600, 3600, 7200, 86400])
    exp = iat + ttl
    who = rnd.name() if r.random() < 0.8 else None
    app = rnd.sid("AP") if r.random() < 0.9 else None
    params = rnd.params()
    events = rnd.filters() if r.random() < 0.3 else None
    if not who and not app and not events:  # every helper library refuses or never emits an empty scope
        who = rnd.name()
    scopes = []
    if lib == "node6":
        if who: scopes.append("scope:client:incoming?clientName=" + node_esc(who))
        if app:
            s = "scope:client:outgoing?appSid=" + app + ("&clientName=" + node_esc(who) if who else "")
            if params: s += "&appParams=" + node_esc(inner(params, node_esc))
            scopes.append(s)
        if events: scopes.append("scope:stream:subscribe?path=/2010-04-01/Events&appParams=" + node_esc(inner(events, node_esc)))
        return sign('{"alg":"HS256","typ":"JWT"}', compact({"scope": " ".join(scopes), "iss": acct, "exp": exp, "iat": iat}), key)
    if lib == "node2":
        if who: scopes.append("scope:client:incoming?clientName=" + node_esc(who))
        if events: scopes.append("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=")
        if app:
            s = "scope:client:outgoing?appSid=" + app
            if params: s += "&appParams=" + node_esc(inner(params, node_esc))
            if who: s += "&clientName=" + node_esc(who)
            scopes.append(s)
        return sign('{"typ":"JWT","alg":"HS256"}', compact({"scope": " ".join(scopes), "iss": acct, "exp": exp, "iat": iat}), key)
    if lib in ("python7", "python5"):
        if app:
            q = {"appParams": py_esc(inner(params, py_esc))} if params else {}
            q["appSid"] = app
            if who: q["clientName"] = py_esc(who)
            scopes.append("scope:client:outgoing?" + "&".join(f"{k}={v}" for k, v in q.items()))
        if who: scopes.append("scope:client:incoming?clientName=" + py_esc(who))
        if events: scopes.append("scope:stream:subscribe?params=" + py_esc(inner(events, py_esc)) + "&path=%2F2010-04-01%2FEvents")
        if lib == "python7":
            return sign('{"alg":"HS256","typ":"JWT"}', compact({"scope": " ".join(scopes), "iss": acct, "exp": exp, "nbf": iat}), key)
        return sign('{"typ": "JWT", "alg": "HS256"}', json.dumps({"scope": " ".join(scopes), "iss": acct, "exp": exp}), key)
    if lib == "ruby4":
        if who: scopes.append("scope:client:incoming?clientName=" + ruby_esc(who))
        if events:
            insp = "{" + ", ".join(f'"{k}"=>"{v}"' for k, v in events.items()) + "}"
            scopes.append("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=" + ruby_esc(insp))
        if app:
            s = "scope:client:outgoing?appSid=" + app
            if params: s += "&appParams=" + ruby_esc(inner(params, ruby_esc))
            if who: s += "&clientName=" + ruby_esc(who)
            scopes.append(s)
        return sign('{"typ":"JWT","alg":"HS256"}', compact({"scope": " ".join(scopes), "iss": acct, "exp": exp}), key)
    if lib == "ruby7":
        if who: scopes.append("scope:client:incoming?clientName=" + ruby_esc(who))
        if app:
            s = "scope:client:outgoing?appSid=" + app + ("&clientName=" + ruby_esc(who) if who else "")
            if params: s += "&appParams=" + "%26".join(ruby_esc(f"{k}={v}") for k, v in params.items())
            scopes.append(s)
        if events: scopes.append("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=" + "&".join(ruby_esc(f"{k}={v}") for k, v in events.items()))
        return sign('{"alg":"HS256","typ":"JWT"}', compact({"scope": " ".join(scopes), "iss": acct, "nbf": iat, "exp": exp}), key)
    if lib == "php":
        if who: scopes.append("scope:client:incoming?clientName=" + php_esc(who))
        if app:
            s = "scope:client:outgoing?appSid=" + app + "&appParams=" + php_esc(inner(params, php_esc))
            if who: s += "&clientName=" + php_esc(who)
            scopes.append(s)
        if events: scopes.append("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=" + php_esc(inner(events, php_esc)))
        return sign('{"typ":"JWT","alg":"HS256"}', compact({"scope": " ".join(scopes), "iss": acct, "exp": exp}), key)
    if lib in ("java12", "csharp5"):
        esc = java_esc if lib == "java12" else cs_esc
        if who: scopes.append("scope:client:incoming?clientName=" + who)  # not encoded by these two
        if app:
            s = "scope:client:outgoing?appSid=" + app + ("&clientName=" + esc(who) if who else "")
            if params: s += "&appParams=" + esc(inner(params, esc))
            scopes.append(s)
        if events: scopes.append("scope:stream:subscribe?path=/2010-04-01/Events&appParams=" + esc(inner(events, esc)))
        if lib == "java12":
            return sign('{"typ":"JWT","alg":"HS256"}', compact({"scope": " ".join(scopes), "iss": acct, "exp": exp}), key)
        return sign('{"typ":"JWT","alg":"HS256"}', compact({"iss": acct, "exp": exp, "scope": " ".join(scopes)}), key)
    if lib == "java6":
        if events: scopes.append("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=" + java_esc(inner(events, java_esc)))
        if who: scopes.append("scope:client:incoming?clientName=" + java_esc(who))
        if app:
            s = "scope:client:outgoing?" + ("clientName=" + java_esc(who) + "&" if who else "") + "appSid=" + app
            if params: s += "&appParams=" + java_esc(inner(params, java_esc))
            scopes.append(s)
        return sign('{"typ":"JWT","alg":"HS256"}', compact({"iss": acct, "exp": str(exp), "scope": " ".join(scopes)}), key)
    raise ValueError(lib)


def access(rnd: Rand, lib: str, key: bytes) -> str:
    r = rnd.r
    acct, sk = rnd.sid("AC"), rnd.sid("SK")
    iat = NOW - r.randrange(0, 86400 * 30)
    exp = iat + r.choice([600, 3600, 3600, 14400])
    voice = {}
    if r.random() < 0.8: voice["incoming"] = {"allow": True}
    if r.random() < 0.9:
        voice["outgoing"] = {"application_sid": rnd.sid("AP")}
        if (p := rnd.params()): voice["outgoing"]["params"] = p
    if r.random() < 0.2: voice["push_credential_sid"] = rnd.sid("CR")
    extra = {}
    if r.random() < 0.15: extra["video"] = {"room": "room-" + str(r.randrange(1000))}
    if r.random() < 0.1: extra["chat"] = {"service_sid": rnd.sid("IS")}
    identity = rnd.name()
    if lib == "node6":
        region = r.choice(["", "", "", "ie1", "au1"])
        header = '{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"' + (f',"twr":"{region}"' if region else "") + "}"
        grants = {"identity": identity, "voice": voice, **extra}
        return sign(header, compact({"jti": f"{sk}-{iat}", "grants": grants, "iat": iat, "exp": exp, "iss": sk, "sub": acct}), key)
    grants = {"voice": voice, **extra, "identity": identity}
    return sign('{"alg":"HS256","cty":"twilio-fpa;v=1","typ":"JWT"}',
                compact({"jti": f"{sk}-{iat}", "grants": grants, "iss": sk, "exp": exp, "nbf": iat, "sub": acct}), key)


# Weights: what a codebase being migrated plausibly still has in production.
MIX = [("cap", "node6", 20), ("cap", "node2", 8), ("cap", "python7", 12), ("cap", "python5", 5), ("cap", "ruby4", 3),
       ("cap", "ruby7", 5), ("cap", "php", 6), ("cap", "java12", 6), ("cap", "java6", 2), ("cap", "csharp5", 5),
       ("acc", "node6", 18), ("acc", "python7", 10)]


def main():
    out, n, key = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
    rnd = Rand(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    kinds = [(k, lib) for k, lib, w in MIX for _ in range(w)]
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(n):
            kind, lib = rnd.r.choice(kinds)
            f.write((capability if kind == "cap" else access)(rnd, lib, key) + "\n")


if __name__ == "__main__":
    main()
