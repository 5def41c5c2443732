#!/usr/bin/python3
"""Writes samples/tokens/: capability tokens from every helper-library generation, access
tokens, a TaskRouter token, and a log and a HAR file with tokens inside.

node 6.2.0, node 2.11.1 and python 7.7.1 tokens are minted by the real libraries
(tests/interop/node_modules, Debian python3-twilio) with the clock frozen. Generations that
cannot run here (python 5.x, ruby, php, java, C#) are rebuilt byte for byte from the header
and payload layouts and the real scope strings TOKENS.md records for them, and signed with
the same fake auth token. Run with /usr/bin/python3 (it must see python3-twilio).
"""
import base64, hashlib, hmac, json, os, subprocess, sys
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples", "tokens")
NOW = 1700000000
AC = "AC0123456789abcdef0123456789abcdef"       # fake, repeated-period values (TOKENS.md §6)
AUTH = "0123456789abcdef0123456789abcdef"
SK = "SK0123456789abcdef0123456789abcdef"
SECRET = "not-a-real-api-key-secret-000000"
AP = "AP0123456789abcdef0123456789abcdef"

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def sign(header_bytes, payload_bytes, key=AUTH):
    si = b64(header_bytes) + "." + b64(payload_bytes)
    return si + "." + b64(hmac.new(key.encode(), si.encode(), hashlib.sha256).digest())

def node(script):
    env = dict(os.environ, NODE_PATH=os.path.join(ROOT, "tests", "interop", "node_modules"))
    # twilio-node reads the clock through Date.now() (iat, jti) and new Date() (exp): freeze both.
    pre = (f"const R = Date; global.Date = class extends R {{ constructor(...a) {{ if (a.length) super(...a); "
           f"else super({NOW * 1000}); }} static now() {{ return {NOW * 1000}; }} }};\n")
    return subprocess.run(["node", "-e", pre + script], env=env, check=True, capture_output=True, text=True).stdout.strip()

tokens = {}

# --- real libraries -------------------------------------------------------------
tokens["node6-incoming-outgoing"] = node(f"""
const C = require('twilio6').jwt.ClientCapability;
const c = new C({{accountSid: '{AC}', authToken: '{AUTH}', ttl: 600}});
c.addScope(new C.IncomingClientScope('alice'));
c.addScope(new C.OutgoingClientScope({{applicationSid: '{AP}', clientName: 'alice', params: {{plan: 'gold tier'}}}}));
console.log(c.toJwt());""")
tokens["node6-outgoing-no-identity"] = node(f"""
const C = require('twilio6').jwt.ClientCapability;
const c = new C({{accountSid: '{AC}', authToken: '{AUTH}'}});
c.addScope(new C.OutgoingClientScope({{applicationSid: '{AP}'}}));
console.log(c.toJwt());""")
tokens["node2-incoming-events-outgoing"] = node(f"""
const twilio = require('twilio2');
const c = new twilio.Capability('{AC}', '{AUTH}');
c.allowClientIncoming('support_desk');
c.allowEventStream();
c.allowClientOutgoing('{AP}', {{queue: 'sales', tag: ['a', 'b']}});
console.log(c.generate(90000));""")
tokens["node6-access-token"] = node(f"""
const {{ AccessToken }} = require('twilio6').jwt;
const t = new AccessToken('{AC}', '{SK}', '{SECRET}', {{identity: 'alice', ttl: 600}});
t.addGrant(new AccessToken.VoiceGrant({{incomingAllow: true, outgoingApplicationSid: '{AP}'}}));
console.log(t.toJwt());""")
tokens["node6-access-token-hs384-region"] = node(f"""
const {{ AccessToken }} = require('twilio6').jwt;
const t = new AccessToken('{AC}', '{SK}', '{SECRET}', {{identity: 'bob', region: 'ie1'}});
t.addGrant(new AccessToken.VoiceGrant({{incomingAllow: true}}));
console.log(t.toJwt('HS384'));""")
tokens["node6-taskrouter"] = node(f"""
const TR = require('twilio6').jwt.taskrouter;
const c = new TR.TaskRouterCapability({{accountSid: '{AC}', authToken: '{AUTH}',
  workspaceSid: 'WS0123456789abcdef0123456789abcdef', channelId: 'WK0123456789abcdef0123456789abcdef'}});
console.log(c.toJwt());""")

with mock.patch("time.time", return_value=float(NOW)):
    from twilio.jwt.client import ClientCapabilityToken
    from twilio.jwt.access_token import AccessToken
    from twilio.jwt.access_token.grants import VoiceGrant
    c = ClientCapabilityToken(AC, AUTH)
    c.allow_client_outgoing(AP, mode="conference room")
    c.allow_client_incoming("carol")
    tokens["python7-outgoing-incoming"] = c.to_jwt(ttl=1800)
    t = AccessToken(AC, SK, SECRET, identity="carol", ttl=1800)
    t.add_grant(VoiceGrant(incoming_allow=True, outgoing_application_sid=AP,
                           outgoing_application_params={"mode": "conference room"}))
    tokens["python7-access-token"] = t.to_jwt()

# --- generations that cannot run here: TOKENS.md §1.1 and §1.3 layouts ------------
compact = lambda o: json.dumps(o, separators=(",", ":")).encode()
hdr_typ_alg = b'{"typ":"JWT","alg":"HS256"}'
exp = NOW + 3600
scope_for = {
    "python5": "scope:client:incoming?clientName=alice scope:client:outgoing?appParams=foo%3Dbar%2Bbaz&appSid=AP123&clientName=alice scope:stream:subscribe?params=k%3Dv%252Fw&path=%2F2010-04-01%2FEvents",
    "ruby4": "scope:client:incoming?clientName=alice scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=%7B%22k%22%3D%3E%22v%2Fw%22%7D scope:client:outgoing?appSid=AP123&appParams=foo%3Dbar%2Bbaz&clientName=alice",
    "ruby7": "scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar+baz scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv%2Fw",
    "php8": "scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP123&appParams=foo%3Dbar%2Bbaz&clientName=alice scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv%252Fw",
    "java12": "scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar%2Bbaz scope:stream:subscribe?path=/2010-04-01/Events&appParams=k%3Dv%252Fw",
    "java6": "scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv%252Fw scope:client:incoming?clientName=alice scope:client:outgoing?clientName=alice&appSid=AP123&appParams=foo%3Dbar%2Bbaz",
    "csharp5": "scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar%2Bbaz scope:stream:subscribe?path=/2010-04-01/Events&appParams=k%3Dv%252Fw",
    "csharp-client": "scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP123&appParams=foo%3dbar+baz&clientName=alice",
}
tokens["python5-TwilioCapability"] = sign(b'{"typ": "JWT", "alg": "HS256"}',
    json.dumps({"scope": scope_for["python5"], "iss": AC, "exp": exp}).encode())
tokens["ruby4-Util-Capability"] = sign(hdr_typ_alg, compact({"scope": scope_for["ruby4"], "iss": AC, "exp": exp}))
tokens["ruby7-ClientCapability"] = sign(hdr_typ_alg, compact({"scope": scope_for["ruby7"], "iss": AC, "nbf": NOW, "exp": exp}))
tokens["php8-ClientToken"] = sign(hdr_typ_alg, compact({"scope": scope_for["php8"], "iss": AC, "exp": exp}))
tokens["java12-ClientCapability"] = sign(hdr_typ_alg, compact({"scope": scope_for["java12"], "iss": AC, "exp": exp}))
tokens["java6-TwilioCapability-exp-string"] = sign(hdr_typ_alg, compact({"iss": AC, "exp": str(exp), "scope": scope_for["java6"]}))
tokens["csharp5-ClientCapability"] = sign(hdr_typ_alg, compact({"iss": AC, "exp": exp, "scope": scope_for["csharp5"]}))
tokens["csharp-TwilioClient-TwilioCapability"] = sign(hdr_typ_alg, compact({"iss": AC, "exp": exp, "scope": scope_for["csharp-client"]}))

os.makedirs(OUT, exist_ok=True)
for name, tok in tokens.items():
    with open(os.path.join(OUT, name + ".jwt"), "w") as f:
        f.write(tok + "\n")
with open(os.path.join(OUT, "server.log"), "w") as f:
    f.write(f'2023-11-14T22:13:20Z INFO issued token for alice: {tokens["node6-incoming-outgoing"]}\n'
            f'2023-11-14T22:13:21Z INFO GET /token 200 token={tokens["python7-outgoing-incoming"]}&ok=1\n'
            '2023-11-14T22:13:22Z WARN no token for anonymous\n')
har = {"log": {"version": "1.2", "creator": {"name": "capmig samples", "version": "1"}, "entries": [
    {"request": {"method": "GET", "url": "https://example.test/token"},
     "response": {"status": 200, "content": {"mimeType": "application/json",
                  "text": json.dumps({"token": tokens["node2-incoming-events-outgoing"]})}}}]}}
with open(os.path.join(OUT, "browser.har"), "w") as f:
    json.dump(har, f, indent=2)
with open(os.path.join(OUT, "auth_token.txt"), "w") as f:
    f.write(AUTH + "\n")
with open(os.path.join(OUT, "api_key_secret.txt"), "w") as f:
    f.write(SECRET + "\n")
print(f"wrote {len(tokens)} tokens to {OUT}")
