#!/usr/bin/env python3
"""A git repository with a long history for bench/history_bench.sh, written with git fast-import.

    bench/gen_history.py REPO MANIFEST [COMMITS]

COMMITS (default 10000) commits on main touch one or two of 320 files each; a few auth tokens,
capability tokens, an access token and capability mints are planted over the history, most of
the secrets and all the mints removed later; a `side` branch holds one more auth token that
main never gets. MANIFEST (JSON) lists every planted secret, its path and the commit numbers.
The auth tokens and keys below are random test data, never real credentials.
"""
import base64, hashlib, hmac, json, os, random, subprocess, sys

repo, manifest = sys.argv[1], sys.argv[2]
commits = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
rng = random.Random(15)
dirs = ["src/%s" % d for d in ("api", "web", "jobs", "util", "voice", "admin", "billing", "auth")] + ["docs", "test"]
exts = [".py", ".js", ".md", ".txt"]
files = ["%s/file_%03d%s" % (dirs[i % len(dirs)], i, exts[i % len(exts)]) for i in range(320)]
content = {f: ["line %d of %s: %s" % (n, f, rng.getrandbits(64)) for n in range(40)] for f in files}
planted = {f: {} for f in files}  # path -> {key: line}

b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(payload, header):
    si = b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())
    return si + "." + b64(hmac.new(b"bench-key", si.encode(), hashlib.sha256).digest())


def auth_token(prefix):  # 32 hex digits, the first four chosen so each masks differently
    return prefix + "".join(rng.choice("0123456789abcdef") for _ in range(28))


# (commit added, commit removed or None, path, key, line, kind, value)
plants = []
py_files = [f for f in files if f.endswith(".py")]
js_files = [f for f in files if f.endswith(".js")]
for n, prefix in enumerate(["a1b2", "c3d4", "e5f6", "0718", "293a", "4b5c"]):
    v = auth_token(prefix)
    added = 500 + n * 1400
    removed = added + 700 if n < 4 else None
    plants.append((added, removed, py_files[n * 3], "tok%d" % n, 'TWILIO_AUTH_TOKEN = "%s"' % v, "auth-token", v))
for n in range(4):
    v = jwt({"scope": "scope:client:incoming?clientName=user%d" % n, "iss": "AC" + "%032x" % (n + 77), "exp": 1900000000},
            {"typ": "JWT", "alg": "HS256"})
    added = 900 + n * 2000
    plants.append((added, added + 1500 if n % 2 == 0 else None, js_files[n * 5], "jwt%d" % n,
                   'const fixture = "%s";' % v, "capability-token", v))
v = jwt({"jti": "SK%032x-1" % 5, "grants": {"identity": "bob", "voice": {}}, "iss": "SK%032x" % 5,
         "sub": "AC%032x" % 9, "exp": 1900000000}, {"typ": "JWT", "alg": "HS256", "cty": "twilio-fpa;v=1"})
plants.append((3300, None, js_files[30], "acc", 'const accessFixture = "%s";' % v, "access-token", v))
mint = ('const ClientCapability = require("twilio").jwt.ClientCapability; '
        'const cap = new ClientCapability({accountSid: process.env.SID, authToken: process.env.TOKEN}); '
        'cap.addScope(new ClientCapability.IncomingClientScope("u%d")); module.exports = cap.toJwt();')
for n in range(3):
    plants.append((1200 + n * 2500, 1200 + n * 2500 + 2000, js_files[40 + n], "mint%d" % n, mint % n, "capability-mint", None))
side_token = auth_token("5d6e")
side_at = commits // 2

events = {}
for p in plants:
    events.setdefault(p[0], []).append(("add", p))
    if p[1] is not None and p[1] < commits:
        events.setdefault(p[1], []).append(("remove", p))

out = []
mark = [0]


def blob_of(path):
    lines = content[path] + list(planted[path].values())
    return ("\n".join(lines) + "\n").encode()


def commit(ref, n, changed, parent_mark=None, message=None):
    mark[0] += 1
    t = 1600000000 + n * 600
    msg = (message or "change %d" % n).encode()
    out.append(b"commit %s\nmark :%d\nauthor Bench <b@example.com> %d +0000\ncommitter Bench <b@example.com> %d +0000\n"
               % (ref.encode(), mark[0], t, t))
    out.append(b"data %d\n%s\n" % (len(msg), msg))
    if parent_mark:
        out.append(b"from :%d\n" % parent_mark)
    for path in changed:
        data = blob_of(path)
        out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
    return mark[0]


main_marks = []
commit("refs/heads/main", 0, files, message="initial import")
main_marks.append(mark[0])
for n in range(1, commits):
    changed = set(rng.sample(files, rng.choice((1, 1, 2))))
    for what, p in events.get(n, []):
        if what == "add":
            planted[p[2]][p[3]] = p[4]
        else:
            planted[p[2]].pop(p[3], None)
        changed.add(p[2])
    for path in changed:
        if not any(path == p[2] for what, p in events.get(n, [])):
            content[path][rng.randrange(40)] = "edited in %d: %s" % (n, rng.getrandbits(64))
    commit("refs/heads/main", n, sorted(changed))
    main_marks.append(mark[0])
    if n == side_at:
        side_file = py_files[20]
        saved = dict(planted[side_file])
        planted[side_file]["side"] = 'TWILIO_AUTH_TOKEN = "%s"' % side_token
        commit("refs/heads/side", n, [side_file], parent_mark=main_marks[-1], message="side branch secret")
        planted[side_file] = saved
        out.append(b"reset refs/heads/main\nfrom :%d\n\n" % main_marks[-1])

os.makedirs(repo, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=b"".join(out), check=True)
subprocess.run(["git", "-C", repo, "checkout", "-q", "-f", "main"], check=True)
m = [{"kind": k, "path": path, "value": v, "added": a, "removed": r} for a, r, path, _, _, k, v in plants]
m.append({"kind": "auth-token", "path": py_files[20], "value": side_token, "added": side_at, "removed": None, "branch": "side"})
json.dump({"commits": commits, "plants": m}, open(manifest, "w"), indent=1)
