#!/usr/bin/python3
"""Interop driver: mints fresh tokens with the real Twilio helper libraries (gen_*.js,
gen_python.py) and checks capmig against them.

  run_interop.py SUITE CAPMIG      SUITE = node6 | node2 | python | mapcode

Suites node6/node2/python, for each token their generator minted:
  decode  capability tokens: kind, verified, `capability` and `mapping` exactly as expected
          from the generator's inputs; with a wrong auth token: exit 1, signature-invalid.
  access  access tokens: kind access, verified, `access` fields; wrong secret: exit 1,
          signature-invalid.
  mint    `capmig mint` is byte-identical to twilio-node 6.2.0's AccessToken + VoiceGrant
          with the mapping and clock, verifies with jsonwebtoken and PyJWT, and decodes back.
Suite mapcode: `capmig map --as node|python` code, run against twilio-node 6.2.0 and
twilio-python 7.7.1, mints a token with the mapping's identity, grants and ttl.

Environment: CAPMIG_INTEROP_SEED (replay a run), CAPMIG_INTEROP_SCALE (token count factor).
Must run under /usr/bin/python3 (Debian's python3-twilio and python3-jwt)."""
import base64
import json
import os
import random
import secrets
import shutil
import string
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'lib'))
from refdecode import capability as ref_capability  # noqa: E402

MAX_REPORTED = 40          # failure lines printed per check before summarising


class Run:
    def __init__(self, suite, capmig):
        self.suite, self.capmig = suite, capmig
        self.passed = 0
        self.failed = 0
        self.reported = {}
        self.batches = 0
        self.tmp = os.path.join(HERE, '.tmp', suite)
        os.makedirs(self.tmp, exist_ok=True)

    def ok(self):
        self.passed += 1

    def fail(self, check, rec, msg, extra=None):
        self.failed += 1
        n = self.reported[check] = self.reported.get(check, 0) + 1
        if n > MAX_REPORTED:
            if n == MAX_REPORTED + 1:
                print('FAIL [%s] ... further %s failures not shown' % (check, check))
            return
        rid = rec['id'] if rec else '-'
        print('FAIL [%s] %s: %s' % (check, rid, msg))
        if rec:
            print('    call : %s' % rec.get('call', ''))
            print('    token: %s' % rec.get('token', ''))
        for line in extra or []:
            print('    %s' % line)

    def check(self, check, rec, cond, msg, extra=None):
        if cond:
            self.ok()
        else:
            self.fail(check, rec, msg, extra)
        return cond


def die(msg):
    suite = sys.argv[1] if len(sys.argv) > 1 else ''
    print('interop-%s: error: %s' % (suite, msg))
    sys.exit(2)


def nl_lines(s):
    """Lines split on '\\n' only: str.splitlines() also splits on U+2028, which JSON.stringify
    and capmig legitimately leave raw inside strings."""
    parts = s.split('\n')
    return parts[:-1] if parts and parts[-1] == '' else parts


def j(v):
    return json.dumps(v, ensure_ascii=False)


def capmig(run, args, env=None, stdin=None):
    e = dict(os.environ)
    for k in ('TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY_SID'):
        e.pop(k, None)
    e.update(env or {})
    p = subprocess.run([run.capmig] + args, input=stdin, capture_output=True, env=e,
                       text=True, encoding='utf-8', errors='surrogateescape', timeout=120)
    return p.returncode, p.stdout, p.stderr


SECRET_FLAGS = {'TWILIO_AUTH_TOKEN': 'auth-token', 'TWILIO_API_KEY_SECRET': 'api-key-secret'}


def secret_args(run, env):
    """Pass secrets the three ways SPEC allows, in rotation: the default variable, a variable
    named by --auth-token-env/--api-key-secret-env, or --auth-token-file/--api-key-secret-file
    (the file holds the secret's bytes exactly, no trailing newline)."""
    run.batches += 1
    via = ('env', 'env-named', 'file')[run.batches % 3]
    if via == 'env':
        return env, []
    out_env, args = {}, []
    for var, value in env.items():
        flag = SECRET_FLAGS.get(var)
        if flag is None:
            out_env[var] = value
        elif via == 'env-named':
            out_env['CAPMIG_IT_' + var] = value
            args += ['--%s-env' % flag, 'CAPMIG_IT_' + var]
        else:
            path = os.path.join(run.tmp, 'secret-%d-%s' % (run.batches, flag))
            with open(path, 'w', encoding='utf-8') as f:
                f.write(value)
            args += ['--%s-file' % flag, path]
    return out_env, args


def decode_batch(run, tokens, env, now):
    """`capmig decode - --format jsonl`: one object per input line. Returns (rc, [obj], err, n)."""
    env, extra = secret_args(run, env)
    rc, out, err = capmig(run, ['decode', '-', '--format', 'jsonl', '--now', str(now)] + extra, env,
                          ''.join(t + '\n' for t in tokens))
    lines = nl_lines(out)
    objs = []
    for line in lines:
        try:
            objs.append(json.loads(line))
        except ValueError:
            objs.append({'__unparseable__': line})
    return rc, objs, err, len(lines)


def node(args, stdin, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(['node'] + args, input=stdin, capture_output=True, text=True, cwd=HERE,
                       env=e, timeout=120)
    if p.returncode != 0:
        die('node %s failed:\n%s' % (' '.join(args), p.stderr))
    return p.stdout


def b64json(part):
    return json.loads(base64.urlsafe_b64decode(part + '=' * (-len(part) % 4)))


def random_secrets(rng):
    """Per run: Twilio-shaped secrets plus ones that test UTF-8 keying and odd characters."""
    hex32 = ''.join(rng.choice('0123456789abcdef') for _ in range(32))
    alnum = ''.join(rng.choice(string.ascii_letters + string.digits) for _ in range(32))
    odd = 'tök€n ' + ''.join(rng.choice(string.punctuation) for _ in range(8)) + '中'
    return [hex32, odd], [alnum, 'sëcret-' + rng.choice(string.ascii_letters) + ' +/=中😀']


def generate(run, lib, seed, now, count, access, auth_tokens, api_secrets):
    args = ['--seed', str(seed), '--now', str(now), '--count', str(count), '--access', str(access),
            '--auth-tokens', j(auth_tokens), '--api-secrets', j(api_secrets)]
    if lib == 'python':
        p = subprocess.run(['/usr/bin/python3', os.path.join(HERE, 'gen_python.py')] + args,
                           capture_output=True, text=True, cwd=HERE, timeout=120)
        if p.returncode != 0:
            die('gen_python.py failed:\n' + p.stderr)
        out = p.stdout
    else:
        out = node(['gen_%s.js' % lib] + args, '')
    with open(os.path.join(run.tmp, 'records-%s.jsonl' % lib), 'w') as f:
        f.write(out)
    return [json.loads(line) for line in nl_lines(out)]


def selfcheck(run, recs):
    """The generator's expectation against a plain reading of what the library wrote: a
    disagreement is a harness bug, reported so that it is never blamed on capmig."""
    for rec in recs:
        if rec['kind'] != 'capability':
            continue
        got, _, _ = ref_capability(rec['token'])
        exp = rec['expect']['capability']
        run.check('selfcheck', rec, j(got) == j(exp),
                  'generator expectation differs from the token itself (harness bug)',
                  ['token says: ' + j(got), 'expected  : ' + j(exp)])


CAP_FIELDS = ['account_sid', 'expires_at', 'issued_at', 'not_before', 'incoming', 'outgoing',
              'event_stream', 'unknown_scopes']


def check_decode(run, recs, now):
    caps = [r for r in recs if r['kind'] == 'capability']
    groups = {}
    for r in caps:
        groups.setdefault(r['auth_token'], []).append(r)
    for key, group in groups.items():
        rc, objs, err, n = decode_batch(run, [r['token'] for r in group], {'TWILIO_AUTH_TOKEN': key}, now)
        if not run.check('decode', None, n == len(group) and rc == 0,
                         'decode - --format jsonl over %d tokens: exit %d, %d output lines (want exit 0, %d lines)'
                         % (len(group), rc, n, len(group)), [err.strip()[:500]]):
            if n != len(group):
                continue
        for rec, obj in zip(group, objs):
            problems = []
            if obj.get('kind') != 'capability':
                problems.append('kind: %s' % j(obj.get('kind')))
            if 'error' in obj:
                problems.append('error: %s' % j(obj['error']))
            if (obj.get('signature') or {}).get('verified') is not True:
                problems.append('signature: %s' % j(obj.get('signature')))
            cap = obj.get('capability') or {}
            for f in CAP_FIELDS:
                want = rec['expect']['capability'][f]
                if f not in cap or j(cap[f]) != j(want):
                    problems.append('capability.%s: expected %s got %s' % (f, j(want), j(cap.get(f, '<absent>'))))
            m = obj.get('mapping') or {}
            em = rec['expect']['mapping']
            for f in ('identity', 'ttl', 'grants', 'diagnostics'):
                if f not in m or m[f] != em[f]:
                    problems.append('mapping.%s: expected %s got %s' % (f, j(em[f]), j(m.get(f, '<absent>'))))
            run.check('decode', rec, not problems, '; '.join(problems[:1]), problems[1:])
        # The same tokens with a wrong auth token: still decoded, verified false, exit 1.
        rc, objs, err, n = decode_batch(run, [r['token'] for r in group], {'TWILIO_AUTH_TOKEN': key + 'x'}, now)
        if not run.check('decode-wrong-key', None, rc == 1 and n == len(group),
                         'wrong auth token over %d tokens: exit %d, %d lines (want exit 1, %d lines)'
                         % (len(group), rc, n, len(group)), [err.strip()[:500]]):
            if n != len(group):
                continue
        for rec, obj in zip(group, objs):
            ok = ((obj.get('signature') or {}).get('verified') is False
                  and (obj.get('error') or {}).get('code') == 'signature-invalid'
                  and obj.get('kind') == 'capability')
            run.check('decode-wrong-key', rec, ok, 'wrong auth token: want verified false + signature-invalid, got '
                      'signature %s error %s' % (j(obj.get('signature')), j(obj.get('error'))))


def check_access(run, recs, now):
    acc = [r for r in recs if r['kind'] == 'access']
    groups = {}
    for r in acc:
        groups.setdefault(r['api_key_secret'], []).append(r)
    for key, group in groups.items():
        for wrong in (False, True):
            env = {'TWILIO_API_KEY_SECRET': key + ('x' if wrong else '')}
            rc, objs, err, n = decode_batch(run, [r['token'] for r in group], env, now)
            want_rc = 1 if wrong else 0
            if not run.check('access', None, rc == want_rc and n == len(group),
                             'access decode (%s secret) over %d tokens: exit %d, %d lines (want exit %d)'
                             % ('wrong' if wrong else 'right', len(group), rc, n, want_rc), [err.strip()[:500]]):
                if n != len(group):
                    continue
            for rec, obj in zip(group, objs):
                problems = []
                if obj.get('kind') != 'access':
                    problems.append('kind: %s' % j(obj.get('kind')))
                sig = (obj.get('signature') or {}).get('verified')
                if wrong:
                    if sig is not False or (obj.get('error') or {}).get('code') != 'signature-invalid':
                        problems.append('wrong secret: signature %s error %s'
                                        % (j(obj.get('signature')), j(obj.get('error'))))
                else:
                    if sig is not True:
                        problems.append('signature: %s' % j(obj.get('signature')))
                    if 'error' in obj:
                        problems.append('error: %s' % j(obj['error']))
                a = obj.get('access') or {}
                for f, want in rec['expect']['access'].items():
                    if f not in a or a[f] != want:
                        problems.append('access.%s: expected %s got %s' % (f, j(want), j(a.get(f, '<absent>'))))
                run.check('access', rec, not problems, '; '.join(problems[:1]), problems[1:])
    # Exit codes of single-token runs (not jsonl): 0 verified, 1 signature-invalid.
    for rec in acc[:3]:
        for wrong in (False, True):
            env = {'TWILIO_API_KEY_SECRET': rec['api_key_secret'] + ('x' if wrong else '')}
            rc, out, err = capmig(run, ['decode', rec['token'], '--format', 'json', '--now', str(now)], env)
            try:
                obj = json.loads(out)
            except ValueError:
                obj = {}
            want = (1, False) if wrong else (0, True)
            got = (rc, (obj.get('signature') or {}).get('verified'))
            run.check('access-single', rec, got == want,
                      'decode TOKEN --format json (%s secret): exit/verified %s, want %s'
                      % ('wrong' if wrong else 'right', got, want), [err.strip()[:300]])


def pyjwt_verify(token, secret):
    import jwt as pyjwt
    try:
        pyjwt.decode(token, secret, algorithms=['HS256'], options={'verify_exp': False})
        return None
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        return '%s: %s' % (type(e).__name__, e)


def check_mint(run, recs, now, api_secret, rng):
    caps = [r for r in recs if r['kind'] == 'capability']
    jobs = []
    for rec in caps:
        m = rec['expect']['mapping']
        sk = 'SK' + ''.join(rng.choice('0123456789abcdef') for _ in range(32))
        args = ['mint', rec['token'], '--api-key-sid', sk, '--now', str(now)]
        identity, ttl, region = m['identity'], m['ttl'], None
        if identity is None or rng.random() < 0.1:
            identity = rng.choice(['mint_', 'Bob', 'x']) + str(rng.randint(0, 9999))
            args += ['--identity', identity]
        if rng.random() < 0.1:
            ttl = rng.randint(1, 86400)
            args += ['--ttl', str(ttl)]
        if rng.random() < 0.15:
            region = rng.choice(['ie1', 'au1', 'us1', 'jp1'])
            args += ['--region', region]
        jobs.append({'rec': rec, 'args': args, 'sk': sk, 'identity': identity, 'ttl': ttl,
                     'region': region, 'voice': m['grants']['voice']})
    ref_in = ''.join(j({'now': now, 'account_sid': jb['rec']['expect']['capability']['account_sid'],
                        'api_key_sid': jb['sk'], 'secret': api_secret, 'identity': jb['identity'],
                        'ttl': jb['ttl'], 'region': jb['region'], 'voice': jb['voice']}) + '\n' for jb in jobs)
    refs = nl_lines(node(['node_ref.js', 'mint'], ref_in))
    minted = []
    for jb, ref in zip(jobs, refs):
        rec = jb['rec']
        env = {'TWILIO_AUTH_TOKEN': rec['auth_token'], 'TWILIO_API_KEY_SECRET': api_secret}
        env, extra = secret_args(run, env)
        args = jb['args'] + extra
        stdin = None
        if rng.random() < 0.15:                      # the token on standard input
            args = [a if a != rec['token'] else '-' for a in args]
            stdin = rec['token'] + '\n'
        rc, out, err = capmig(run, args, env, stdin)
        cmd = 'capmig ' + ' '.join(a if a != rec['token'] else 'TOKEN' for a in args)
        tok = out[:-1] if out.endswith('\n') else out
        if not run.check('mint', rec, rc == 0 and out.endswith('\n') and '\n' not in tok,
                         '%s: exit %d, stdout %r (want the token alone on one line)' % (cmd, rc, out[:200]),
                         [err.strip()[:300]]):
            continue
        extra = ['command  : ' + cmd, 'capmig   : ' + tok, 'reference: ' + ref]
        if tok != ref:
            for name, i in (('header', 0), ('payload', 1)):
                try:
                    a, b = b64json(tok.split('.')[i]), b64json(ref.split('.')[i])
                    extra.append('%s: capmig %s / node %s' % (name, j(a), j(b)))
                except Exception:  # noqa: BLE001
                    pass
        run.check('mint', rec, tok == ref, 'mint output differs from twilio-node 6.2.0 AccessToken.toJwt()', extra)
        if tok.count('.') == 2:
            minted.append((jb, tok))
    if not minted:
        return
    # Signatures: jsonwebtoken 9.0.3 and PyJWT 2.6.
    ver = node(['node_ref.js', 'verify'], ''.join(j({'token': t, 'secret': api_secret}) + '\n' for _, t in minted))
    for (jb, tok), line in zip(minted, nl_lines(ver)):
        r = json.loads(line)
        run.check('mint-verify', jb['rec'], r['ok'], 'jsonwebtoken.verify rejects the minted token: %s' % r.get('error'),
                  ['minted: ' + tok])
        e = pyjwt_verify(tok, api_secret)
        run.check('mint-verify', jb['rec'], e is None, 'PyJWT rejects the minted token: %s' % e, ['minted: ' + tok])
    # Round trip: capmig decodes its own token as the access token it should be.
    rc, objs, err, n = decode_batch(run, [t for _, t in minted], {'TWILIO_API_KEY_SECRET': api_secret}, now)
    if not run.check('mint-decode', None, n == len(minted), 'decoding %d minted tokens gave %d lines: %s'
                     % (len(minted), n, err.strip()[:300])):
        return
    for (jb, tok), obj in zip(minted, objs):
        a = obj.get('access') or {}
        want_grants = {'identity': jb['identity'], 'voice': jb['voice']}
        problems = []
        if obj.get('kind') != 'access' or (obj.get('signature') or {}).get('verified') is not True:
            problems.append('kind %s signature %s' % (j(obj.get('kind')), j(obj.get('signature'))))
        if a.get('identity') != jb['identity']:
            problems.append('identity: expected %s got %s' % (j(jb['identity']), j(a.get('identity'))))
        if a.get('grants') != want_grants:
            problems.append('grants: expected %s got %s' % (j(want_grants), j(a.get('grants'))))
        if a.get('api_key_sid') != jb['sk'] or a.get('region') != jb['region']:
            problems.append('api_key_sid/region: %s %s' % (j(a.get('api_key_sid')), j(a.get('region'))))
        run.check('mint-decode', jb['rec'], not problems, '; '.join(problems[:1]), problems[1:] + ['minted: ' + tok])


def check_mapcode(run, recs, now, api_secret, rng, per_lib):
    """`capmig map --as node|python`: run the code against the real libraries."""
    shim = os.path.join(run.tmp, 'shim')
    os.makedirs(shim, exist_ok=True)
    link = os.path.join(shim, 'twilio')
    if not os.path.islink(link):
        os.symlink(os.path.join(HERE, 'node_modules', 'twilio6'), link)
    # Per library: tokens whose identity or params need escaping in a string literal first,
    # then plain ones, then ones without an identity (map --identity supplies it).
    picked = []
    for lib in ('node6', 'python'):
        caps = [r for r in recs if r['lib'] == lib and r['kind'] == 'capability']
        hard = [r for r in caps if r['expect']['mapping']['identity'] is not None
                and ('identity-invalid-chars' in r['expect']['mapping']['diagnostics']
                     or (r['expect']['capability']['outgoing'] or {}).get('params'))]
        plain = [r for r in caps if r['expect']['mapping']['identity'] is not None and r not in hard]
        missing = [r for r in caps if r['expect']['mapping']['identity'] is None]
        picked += hard[:per_lib // 2] + plain[:per_lib - min(len(hard), per_lib // 2)] + missing[:2]
    for lang in ('node', 'python'):
        for idx, rec in enumerate(picked):
            m = dict(rec['expect']['mapping'])
            args = ['map', rec['token'], '--as', lang, '--now', str(now)]
            if m['identity'] is None:
                m['identity'] = 'map_id%d' % idx
                m['grants'] = dict(identity=m['identity'], **m['grants'])
                args += ['--identity', m['identity']]
            env = {'TWILIO_AUTH_TOKEN': rec['auth_token']}
            rc, code, err = capmig(run, args, env)
            if not run.check('map-' + lang, rec, rc == 0 and code.strip(),
                             'capmig map --as %s: exit %d, %d bytes of code' % (lang, rc, len(code)),
                             [err.strip()[:300]]):
                continue
            path = os.path.join(run.tmp, 'map_%s_%d.%s' % (lang, idx, 'js' if lang == 'node' else 'py'))
            with open(path, 'w', encoding='utf-8') as f:
                f.write(code)
            sk = 'SK' + ''.join(rng.choice('0123456789abcdef') for _ in range(32))
            e = dict(os.environ, TWILIO_ACCOUNT_SID=rec['expect']['capability']['account_sid'],
                     TWILIO_API_KEY_SID=sk, TWILIO_API_KEY_SECRET=api_secret,
                     CAPMIG_FAKE_NOW=str(now), NODE_PATH=shim)
            if lang == 'node':
                cmd = ['node', '-r', os.path.join(HERE, 'lib', 'fakeclock.js'),
                       os.path.join(HERE, 'lib', 'run_snippet.js'), path]
            else:
                cmd = ['/usr/bin/python3', os.path.join(HERE, 'lib', 'run_snippet.py'), path]
            p = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=60)
            tok = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ''
            if not run.check('map-' + lang, rec, p.returncode == 0 and tok.count('.') == 2,
                             'the generated %s code failed under the real library (exit %d)' % (lang, p.returncode),
                             ['code: ' + path] + p.stderr.strip().splitlines()[-6:]):
                continue
            rc, objs, err, n = decode_batch(run, [tok], {'TWILIO_API_KEY_SECRET': api_secret}, now)
            obj = objs[0] if objs else {}
            a = obj.get('access') or {}
            payload = obj.get('payload') or {}
            start = payload.get('iat', payload.get('nbf'))
            ttl = payload.get('exp', 0) - start if isinstance(start, int) else None
            problems = []
            if obj.get('kind') != 'access' or (obj.get('signature') or {}).get('verified') is not True:
                problems.append('kind %s signature %s' % (j(obj.get('kind')), j(obj.get('signature'))))
            if a.get('identity') != m['identity']:
                problems.append('identity: expected %s got %s' % (j(m['identity']), j(a.get('identity'))))
            if a.get('grants') != m['grants']:
                problems.append('grants: expected %s got %s' % (j(m['grants']), j(a.get('grants'))))
            if ttl != m['ttl']:
                problems.append('ttl: expected %s got %s' % (m['ttl'], ttl))
            if a.get('account_sid') != rec['expect']['capability']['account_sid'] or a.get('api_key_sid') != sk:
                problems.append('account/key sid from env not used: %s %s' % (a.get('account_sid'), a.get('api_key_sid')))
            run.check('map-' + lang, rec, not problems, '; '.join(problems[:1]),
                      problems[1:] + ['code: ' + path, 'minted: ' + tok])


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('node6', 'node2', 'python', 'mapcode'):
        die('usage: run_interop.py node6|node2|python|mapcode /path/to/capmig')
    suite, cm = sys.argv[1], os.path.abspath(sys.argv[2])
    name = 'interop-' + suite
    if not os.access(cm, os.X_OK):
        die('%s: capmig binary not found or not executable' % cm)
    for mod in ('twilio6', 'twilio2', 'jsonwebtoken'):
        if not os.path.isfile(os.path.join(HERE, 'node_modules', mod, 'package.json')):
            die('tests/interop/node_modules/%s is missing: run scripts/install-deps.sh '
                '(npm install in tests/interop) first' % mod)
    if not shutil.which('node'):
        die('node is not installed')
    try:
        import jwt  # noqa: F401
        import twilio  # noqa: F401
    except ImportError as e:
        die('Debian python3-twilio / python3-jwt missing for /usr/bin/python3: %s' % e)

    seed = int(os.environ.get('CAPMIG_INTEROP_SEED') or secrets.randbelow(2**31))
    scale = float(os.environ.get('CAPMIG_INTEROP_SCALE') or 1)
    now = 1750000000 + seed % 10000000
    rng = random.Random(seed)
    auth_tokens, api_secrets = random_secrets(rng)
    print('%s: seed %d, now %d (replay: CAPMIG_INTEROP_SEED=%d)' % (name, seed, now, seed))
    run = Run(suite, cm)
    t0 = time.time()
    if suite == 'mapcode':
        recs = (generate(run, 'node6', seed, now, int(20 * scale), 0, auth_tokens, api_secrets)
                + generate(run, 'python', seed + 1, now, int(20 * scale), 0, auth_tokens, api_secrets))
        selfcheck(run, recs)
        check_mapcode(run, recs, now, api_secrets[0], rng, max(1, int(6 * scale)))
    else:
        recs = generate(run, suite, seed, now, int(200 * scale), int(60 * scale), auth_tokens, api_secrets)
        selfcheck(run, recs)
        check_decode(run, recs, now)
        check_access(run, recs, now)
        check_mint(run, recs, now, rng.choice(api_secrets), rng)
    ncap = sum(r['kind'] == 'capability' for r in recs)
    print('%s: %d capability + %d access tokens from the library, %.1fs' %
          (name, ncap, len(recs) - ncap, time.time() - t0))
    print('%s: %d passed, %d failed' % (name, run.passed, run.failed))
    sys.exit(1 if run.failed else 0)


if __name__ == '__main__':
    main()
