#!/usr/bin/python3
"""Proof that `capmig fix` patches are right, with the REAL Twilio helper libraries.

usage: /usr/bin/python3 tests/fix_proof/prove.py CAPMIG [--only SUBSTR] [--keep]
                                                  [--after-tree DIR] [--no-samples-leg]

For every case in cases.json (see README.md):
  before  run the original function under the library it was written for (npm twilio 2.11.1 /
          6.2.0, python3-twilio 7.7.1) -> capability token; `capmig decode` (verified with the
          auth token) gives its mapping. A twilio-python 5.x case has no library here
          ("before": "static"): its expectation, written in the manifest, is checked against
          `capmig scan --format json`'s mapping of that construct instead.
  fix     copy the case files into a scratch git repo, `capmig fix tree --output fix.diff`;
          `git apply --check`, `patch -p1 --dry-run`, `git apply`; `--apply` must give the same
          files; a second `capmig fix` must print an empty diff; `capmig scan` of the patched
          tree must find exactly the constructs the manifest expects as needs-input, and the
          fix report must name each with its reason. Patched files must still parse, keep their
          line endings (CRLF) and indentation (tabs).
  after   run the same call on the patched file under the CURRENT library (twilio-node 6.2.0,
          twilio-python 7.7.1) -> access token; `capmig decode` (verified with the API key
          secret): iss = API key SID, sub = account SID, identity, grants.voice and exp - iat
          equal the capability mapping's identity, grants.voice and ttl.
  identity each needs-input file is fixed again alone with `--identity EXPR`, and all its cases
          run after that patch, the needs-input ones with the identity EXPR evaluates to.
  samples `capmig fix` over a copy of all of samples/legacy: the patch applies, patched .rb pass
          `ruby -c`, .php `php -l`, .js/.mjs `node --check`, .py py_compile, .ts the TypeScript
          parser; negatives are untouched; a second fix is empty.

--after-tree DIR skips `capmig fix` and runs the after-side on DIR/<file> instead (a hand
migrated copy, to develop the harness before `fix` exists; never commit such files).
The last line is "fix_proof: N passed, M failed"; exit 0 when nothing failed, 1 when a check
failed, 2 when the harness cannot run (missing library, bad manifest).
"""
import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PY = '/usr/bin/python3'  # Debian's python3-twilio, python3-flask, python3-django live here
NODE_EXT = ('.js', '.mjs', '.ts', '.cjs')


class HarnessError(Exception):
    pass


def log(msg):
    print(msg, flush=True)


class Results:
    def __init__(self):
        self.passed = []
        self.failed = []

    def ok(self, name, msg=''):
        self.passed.append(name)
        log('ok   %s%s' % (name, (': ' + msg) if msg else ''))

    def fail(self, name, msg):
        self.failed.append(name)
        log('FAIL %s: %s' % (name, msg))

    def check(self, name, problems, okmsg=''):
        if problems:
            self.fail(name, '; '.join(problems))
            return False
        self.ok(name, okmsg)
        return True


def run(cmd, cwd=None, env=None, timeout=180, stdin=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, input=stdin, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return 124, '', 'timed out after %ds: %s' % (timeout, ' '.join(cmd))
    except OSError as e:
        raise HarnessError('cannot run %s: %s' % (cmd[0], e))
    return p.returncode, p.stdout, p.stderr


def first_lines(text, n=12):
    lines = text.strip().splitlines()
    out = '\n      '.join(lines[:n])
    return out + ('\n      …' if len(lines) > n else '')


# ---------------------------------------------------------------------------------------------
# environment and preconditions

def preconditions(capmig):
    missing = []
    for tool in ('node', 'git', 'patch', 'ruby', 'php'):
        if not shutil.which(tool):
            missing.append(tool)
    if not os.access(PY, os.X_OK):
        missing.append(PY)
    else:
        rc, _, err = run([PY, '-c', 'import twilio.jwt.client, twilio.jwt.access_token, flask, django'])
        if rc:
            missing.append('python3-twilio/python3-flask/python3-django (%s)' % err.strip().splitlines()[-1])
    for d in ('tests/interop/node_modules/twilio2', 'tests/interop/node_modules/twilio6',
              'tests/fix_proof/node_modules/express', 'tests/fix_proof/node_modules/typescript',
              'tests/fix_proof/node_modules/@nestjs/common'):
        if not os.path.isdir(os.path.join(REPO, d)):
            missing.append(d + ' (scripts/install-deps.sh)')
    if not os.access(capmig, os.X_OK):
        missing.append(capmig)
    if missing:
        raise HarnessError('missing: ' + ', '.join(missing))


def base_env(manifest):
    env = dict(os.environ)
    env.update(manifest['env'])
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    env.pop('NODE_OPTIONS', None)
    return env


# ---------------------------------------------------------------------------------------------
# running one case

def runner_cmd(case, path, runtime, manifest, out):
    now = str(manifest['now'])
    if runtime in ('node2', 'node6'):
        cmd = ['node', os.path.join(HERE, 'run_node.js'), '--runtime', runtime, '--file', path,
               '--now', now, '--out', out]
        if 'http' in case:
            cmd += ['--http', json.dumps(case['http'])]
        else:
            cmd += ['--call', case['call'], '--args', json.dumps(case.get('args', []))]
        if 'construct' in case:
            cmd += ['--construct', json.dumps(case['construct'])]
        if case.get('kwargs'):
            raise HarnessError('%s: kwargs are python-only' % case['id'])
    elif runtime == 'python':
        cmd = [PY, os.path.join(HERE, 'run_python.py'), '--file', path, '--now', now, '--out', out]
        if 'http' in case:
            cmd += ['--http', json.dumps(case['http'])]
        else:
            cmd += ['--call', case['call'], '--args', json.dumps(case.get('args', [])),
                    '--kwargs', json.dumps(case.get('kwargs', {}))]
        if case.get('django'):
            cmd += ['--django-settings', json.dumps(manifest['django_settings'])]
    else:
        raise HarnessError('%s: cannot run runtime %s' % (case['id'], runtime))
    if case.get('result_path'):
        cmd += ['--result-path', case['result_path']]
    return cmd


def after_runtime(case):
    return 'python' if case['file'].endswith('.py') else 'node6'


def mint(case, path, runtime, manifest, work, tag):
    out = os.path.join(work, 'tok-%s-%s.jwt' % (re.sub(r'[^A-Za-z0-9_.-]', '_', case['id']), tag))
    env = base_env(manifest)
    env.update(case.get('env', {}))
    rc, so, se = run(runner_cmd(case, path, runtime, manifest, out), cwd=os.path.dirname(path), env=env)
    if rc:
        return None, 'runner exit %d:\n      %s' % (rc, first_lines(se + so, 25))
    with open(out) as f:
        return f.read().strip(), None


def decode(capmig, token, manifest, auth_token=None):
    env = base_env(manifest)
    args = [capmig, 'decode', '--format', 'json', '--now', str(manifest['now'])]
    if auth_token is not None:
        env['CAPMIG_PROOF_AUTH_TOKEN'] = auth_token
        args += ['--auth-token-env', 'CAPMIG_PROOF_AUTH_TOKEN']
    args += ['--api-key-secret-env', 'TWILIO_API_KEY_SECRET', token]
    rc, so, se = run(args, env=env)
    if rc not in (0, 1):
        raise HarnessError('capmig decode exit %d: %s' % (rc, se.strip()))
    return json.loads(so)


# ---------------------------------------------------------------------------------------------
# expectations

def expected_from_before(case, dec, now):
    m = dec['mapping']
    ttl = m['ttl']
    if 'ttl-unknown' in m['diagnostics']:
        ttl = min(dec['payload']['exp'] - now, 86400)
    return {'account_sid': dec['payload']['iss'], 'identity': m['identity'], 'ttl': ttl,
            'voice': m['grants'].get('voice', {}), 'diagnostics': sorted(m['diagnostics'])}


def check_before(case, dec):
    p = []
    if dec.get('kind') != 'capability':
        p.append('before token is %s, not a capability token' % dec.get('kind'))
        return p
    if dec['signature'].get('verified') is not True:
        p.append('before token not verified with its auth token (%s)' % dec['signature'])
    needs = case['expect'] == 'needs-input'
    ident = dec['mapping']['identity']
    if needs and case['needs_input']['reason'] == 'identity' and ident is not None:
        p.append('manifest says identity is missing, but the capability maps to identity %r' % ident)
    if not needs and ident is None:
        p.append('capability has no identity (%s): the case must be expect=needs-input'
                 % dec['mapping']['diagnostics'])
    return p


def scan_value(field):
    return None if field is None else field.get('value')


def check_static(case, finding):
    """The manifest's expectation for a construct no library can run must agree with every
    value `capmig scan` knows statically."""
    st = case['static']
    m = finding['mapping']
    vg = m.get('voice_grant') or {}
    p = []
    ident = m.get('identity')
    if st['identity'] is None:
        if scan_value(ident) is not None:
            p.append('scan maps identity %r, manifest says none' % scan_value(ident))
    elif scan_value(ident) is not None and scan_value(ident) != st['identity']:
        p.append('scan identity %r != manifest %r' % (scan_value(ident), st['identity']))
    if scan_value(m.get('ttl')) is not None and scan_value(m['ttl']) != st['ttl']:
        p.append('scan ttl %r != manifest %r' % (scan_value(m['ttl']), st['ttl']))
    voice = st['voice']
    inc = scan_value(vg.get('incoming_allow'))
    if bool(inc) != ('incoming' in voice):
        p.append('scan incoming_allow %r vs manifest voice %s' % (inc, voice))
    out = voice.get('outgoing')
    sid = vg.get('outgoing_application_sid')
    if (sid is None) != (out is None):
        p.append('scan outgoing_application_sid %r vs manifest %s' % (sid, out))
    elif out and scan_value(sid) is not None and scan_value(sid) != out['application_sid']:
        p.append('scan app SID %r != manifest %r' % (scan_value(sid), out['application_sid']))
    params = scan_value(vg.get('outgoing_application_params')) or {}
    want = (out or {}).get('params', {})
    if set(params) != set(want):
        p.append('scan param keys %s != manifest %s' % (sorted(params), sorted(want)))
    for k, v in params.items():
        if v is not None and want.get(k) != v:
            p.append('scan param %s=%r != manifest %r' % (k, v, want.get(k)))
    if sorted(m.get('diagnostics', [])) != sorted(st.get('diagnostics', [])):
        p.append('scan diagnostics %s != manifest %s' % (m.get('diagnostics'), st.get('diagnostics')))
    acct = scan_value((finding.get('capability') or {}).get('account_sid'))
    if acct is not None and acct != st['account_sid']:
        p.append('scan account SID %r != manifest %r' % (acct, st['account_sid']))
    return p


def expected_from_static(case):
    st = case['static']
    return {'account_sid': st['account_sid'], 'identity': st['identity'], 'ttl': st['ttl'],
            'voice': st['voice'], 'diagnostics': sorted(st.get('diagnostics', []))}


def check_after(dec, exp, manifest):
    p = []
    if dec.get('kind') != 'access':
        p.append('after token is %s, not an access token (payload %s)'
                 % (dec.get('kind'), json.dumps(dec.get('payload'))[:300]))
        return p
    pay = dec['payload']
    acc = dec['access']
    key_sid = manifest['env']['TWILIO_API_KEY_SID']
    if dec['signature'].get('verified') is not True:
        p.append('not verified with TWILIO_API_KEY_SECRET (%s)' % dec['signature'])
    if pay.get('iss') != key_sid:
        p.append('iss %r != API key SID %r' % (pay.get('iss'), key_sid))
    if pay.get('sub') != exp['account_sid']:
        p.append('sub %r != account SID %r' % (pay.get('sub'), exp['account_sid']))
    if not str(pay.get('jti', '')).startswith(key_sid + '-'):
        p.append('jti %r does not start with the key SID' % pay.get('jti'))
    if acc.get('identity') != exp['identity']:
        p.append('identity %r != expected %r' % (acc.get('identity'), exp['identity']))
    grants = pay.get('grants', {})
    if grants.get('identity') != exp['identity']:
        p.append('grants.identity %r != expected %r' % (grants.get('identity'), exp['identity']))
    if grants.get('voice') != exp['voice']:
        p.append('grants.voice %s != mapping %s' % (json.dumps(grants.get('voice'), sort_keys=True),
                                                    json.dumps(exp['voice'], sort_keys=True)))
    extra = set(grants) - {'identity', 'voice'}
    if extra:
        p.append('unexpected grants %s' % sorted(extra))
    # twilio-node writes iat; twilio-python writes nbf (= now) and no iat.
    issued_claim = 'iat' if 'iat' in pay else 'nbf'
    issued = pay.get(issued_claim)
    if issued != manifest['now']:
        p.append('%s %r != frozen clock %r' % (issued_claim, issued, manifest['now']))
    elif not isinstance(pay.get('exp'), int):
        p.append('exp %r is not an integer' % pay.get('exp'))
    elif pay['exp'] - issued != exp['ttl']:
        p.append('ttl (exp - %s) %r != mapping ttl %r' % (issued_claim, pay['exp'] - issued, exp['ttl']))
    return p


def describe(exp):
    v = exp['voice']
    parts = ['identity=%s' % exp['identity'], 'ttl=%s' % exp['ttl']]
    if 'incoming' in v:
        parts.append('incoming')
    if 'outgoing' in v:
        parts.append('outgoing=%s' % v['outgoing']['application_sid'])
        if v['outgoing'].get('params'):
            parts.append('params=%s' % ','.join('%s:%s' % kv for kv in sorted(v['outgoing']['params'].items())))
    return ' '.join(parts)


# ---------------------------------------------------------------------------------------------
# capmig fix / scan helpers

def git_init(d):
    for cmd in (['git', 'init', '-q'], ['git', 'add', '-A'],
                ['git', '-c', 'user.email=proof@capmig', '-c', 'user.name=fix-proof', 'commit',
                 '-q', '-m', 'pristine']):
        rc, _, se = run(cmd, cwd=d)
        if rc:
            raise HarnessError('git in %s: %s' % (d, se.strip()))


# The project the proof trees stand for has moved to the library the after-side runs under, as
# `fix` asks a project to before it rewrites a file on a retired API (twilio.Capability,
# twilio.util): its manifests say so. OLD_LIBRARY is the same project before that upgrade.
UPGRADED_LIBRARY = {'package.json': '{"dependencies": {"twilio": "6.2.0"}}\n',
                    'requirements.txt': 'twilio==7.7.1\n'}
OLD_LIBRARY = {'package.json': '{"dependencies": {"twilio": "^2.11.1"}}\n',
               'requirements.txt': 'Flask\ntwilio==5.7.0\n'}


def write_manifests(tree, manifests):
    for name, text in manifests.items():
        with open(os.path.join(tree, name), 'w') as f:
            f.write(text)


def scan(capmig, cwd, target, manifest):
    rc, so, se = run([capmig, 'scan', target, '--format', 'json', '--fail-on', 'never',
                      '--now', str(manifest['now'])], cwd=cwd, env=base_env(manifest))
    if rc not in (0, 1):
        raise HarnessError('capmig scan %s exit %d: %s' % (target, rc, se.strip()))
    data = json.loads(so)
    return [f for f in data['findings'] if f['category'] == 'capability-mint']


def run_fix(capmig, cwd, targets, manifest, extra=()):
    """`capmig fix TARGETS --output fix.diff` (the diff), then the same with --format json on
    stdout (the report: which construct was rewritten, which needs input and why). Returns
    the first run's exit code, the report (JSON text + both runs' stderr), the diff (None when
    no --output file was written) and the first command line."""
    out = os.path.join(cwd, 'fix.diff')
    if os.path.exists(out):
        os.unlink(out)
    cmd = [capmig, 'fix'] + list(targets) + ['--output', 'fix.diff'] + list(extra)
    rc, so, se = run(cmd, cwd=cwd, env=base_env(manifest))
    diff = open(out).read() if os.path.exists(out) else None
    rcj, soj, sej = run([capmig, 'fix'] + list(targets) + ['--format', 'json'] + list(extra),
                        cwd=cwd, env=base_env(manifest))
    if rcj != rc:
        se += '\n(--format json exited %d, the diff run %d)' % (rcj, rc)
    return rc, soj, se + '\n' + sej + so, diff, ' '.join(cmd[1:])


def diff_files(diff):
    files = []
    for line in diff.splitlines():
        if line.startswith('+++ '):
            name = line[4:].split('\t')[0].strip()
            files.append(name)
    return files


def hunks_for(diff, path):
    """The part of a unified diff about one file, to paste into a failure."""
    out, on = [], False
    for line in diff.splitlines():
        if line.startswith('--- '):
            on = line[4:].split('\t')[0].strip().endswith(path)
        if on:
            out.append(line)
    return '\n'.join(out)


def fix_reasons(report, rel):
    """What the JSON fix report says about the constructs of one file that it did not rewrite:
    ['line N: needs-input: reason', …] (empty when the report is not JSON)."""
    try:
        data = json.JSONDecoder().raw_decode(report.lstrip())[0]
    except ValueError:
        return []
    out = []
    for r in data.get('rewrites', []) if isinstance(data, dict) else []:
        if isinstance(r, dict) and str(r.get('path', '')).endswith(rel) and r.get('status') != 'rewritten':
            out.append('line %s: %s: %s' % (r.get('line'), r.get('status'), '; '.join(r.get('reasons', []))))
    return out


def needs_input_reported(report, rel, reason):
    """True when the fix report names `rel` as needing input for `reason`. The JSON report's
    exact shape is not pinned here: any object that mentions the file and says needs-input
    with the reason counts; a text report is matched line by line."""
    text = report
    try:
        data = json.JSONDecoder().raw_decode(report.lstrip())[0]
    except ValueError:
        data = None
    if data is not None:
        hits = []

        def walk(node):
            if isinstance(node, dict):
                blob = json.dumps(node).lower()
                if rel.lower() in blob or os.path.basename(rel).lower() in blob:
                    hits.append(blob)
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(data)
        return any(re.search(r'needs[-_ ]input', h) and reason.lower() in h for h in hits)
    for line in text.splitlines():
        low = line.lower()
        if os.path.basename(rel).lower() in low and re.search(r'needs[-_ ]input', low) and reason.lower() in low:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# syntax and style of patched files

def syntax_check(path, work):
    ext = os.path.splitext(path)[1]
    if ext in ('.js', '.mjs', '.cjs'):
        rc, so, se = run(['node', '--check', path])
    elif ext == '.ts':
        js = ("const ts=require(%r);const fs=require('fs');const f=process.argv[1];"
              "const o=ts.transpileModule(fs.readFileSync(f,'utf8'),{fileName:f,reportDiagnostics:true,"
              "compilerOptions:{module:ts.ModuleKind.CommonJS,experimentalDecorators:true}});"
              "const e=(o.diagnostics||[]).filter(d=>d.category===ts.DiagnosticCategory.Error);"
              "for(const d of e)console.error(f+': '+ts.flattenDiagnosticMessageText(d.messageText,'\\n'));"
              "process.exit(e.length?1:0)") % os.path.join(HERE, 'node_modules', 'typescript')
        rc, so, se = run(['node', '-e', js, path])
    elif ext == '.py':
        env = dict(os.environ, PYTHONPYCACHEPREFIX=os.path.join(work, 'pycache'))
        rc, so, se = run([PY, '-m', 'py_compile', path], env=env)
    elif ext == '.rb':
        rc, so, se = run(['ruby', '-c', path])
    elif ext == '.php':
        rc, so, se = run(['php', '-l', path])
    else:
        return None
    if rc == 0 and ext == '.ts':
        rc, so, se = run(['node', os.path.join(HERE, 'typecheck.js'), '{}', path])
        if rc:
            return 'tsc (strict, twilio 6.2.0 typings): ' + (so + se).strip()
    return None if rc == 0 else (se + so).strip()


def style_problems(orig_bytes, new_bytes):
    p = []
    o = orig_bytes.decode('utf-8', 'replace')
    n = new_bytes.decode('utf-8', 'replace')
    o_crlf = o.count('\r\n')
    if o_crlf and o_crlf == o.count('\n'):
        lf_only = n.count('\n') - n.count('\r\n')
        if lf_only:
            p.append('file was CRLF; the patch left %d LF-only line(s)' % lf_only)
    bare_cr = len(re.findall(r'\r(?!\n)', n)) - len(re.findall(r'\r(?!\n)', o))
    if bare_cr > 0:
        p.append('the patch wrote %d bare CR(s) (\\r not followed by \\n, e.g. \\r\\r\\n)' % bare_cr)
    o_lines = o.split('\n')
    tabbed = sum(1 for l in o_lines if l.startswith('\t'))
    spaced = sum(1 for l in o_lines if l.startswith('  '))
    if tabbed and not spaced:
        old = set(o_lines)
        bad = [l for l in n.split('\n') if l not in old and re.match(r'^ +\S', l)]
        if bad:
            p.append('file is tab-indented; %d added line(s) indent with spaces, e.g. %r' % (len(bad), bad[0]))
    return p


# ---------------------------------------------------------------------------------------------
# the legs

def expand_variants(cases):
    """Each case's `variants` (overrides of args, kwargs, http, env) run the same function again
    under other inputs: one run cannot tell a value frozen into the patch from a variable."""
    out = []
    for c in cases:
        variants = c.pop('variants', [])
        out.append(c)
        for n, v in enumerate(variants, 2):
            d = json.loads(json.dumps(c))
            env = dict(d.get('env', {}))
            env.update(v.get('env', {}))
            d.update({k: val for k, val in v.items() if k != 'env'})
            if env:
                d['env'] = env
            d['id'] = '%s#%d' % (c['id'], n)
            out.append(d)
    return out


def load_manifest():
    with open(os.path.join(HERE, 'cases.json')) as f:
        manifest = json.load(f)
    manifest['cases'] = expand_variants(manifest['cases'])
    ids = set()
    runs = {}
    for c in manifest['cases']:
        if c['before'] == 'run':
            runs.setdefault((c['file'], c.get('call'), json.dumps(c.get('http', {}).get('export'))), []).append(c['id'])
        for k in ('id', 'file', 'construct_line', 'runtime', 'before', 'expect'):
            if k not in c:
                raise HarnessError('case %s: no %s' % (c.get('id'), k))
        if c['id'] in ids:
            raise HarnessError('duplicate case id %s' % c['id'])
        ids.add(c['id'])
        if c['before'] == 'static' and 'static' not in c:
            raise HarnessError('case %s: before=static needs a static expectation' % c['id'])
        if c['expect'] == 'needs-input' and 'needs_input' not in c:
            raise HarnessError('case %s: expect=needs-input needs needs_input' % c['id'])
        if 'call' not in c and 'http' not in c:
            raise HarnessError('case %s: neither call nor http' % c['id'])
        if not os.path.isfile(os.path.join(REPO, c['file'])):
            raise HarnessError('case %s: %s does not exist' % (c['id'], c['file']))
    single = [ids_[0] for ids_ in runs.values() if len(ids_) < 2]
    if single:
        raise HarnessError('run under one input set only (add variants): ' + ', '.join(single))
    return manifest


def line_text(path, line):
    with open(path, encoding='utf-8', newline='') as f:
        lines = f.read().splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ''


def prove(args):
    res = Results()
    manifest = load_manifest()
    capmig = os.path.abspath(args.capmig)
    preconditions(capmig)
    now = manifest['now']
    cases = [c for c in manifest['cases'] if not args.only or args.only in c['id']]
    if not cases:
        raise HarnessError('no case matches --only %s' % args.only)
    files = sorted({c['file'] for c in cases})
    needs_files = sorted({c['file'] for c in cases if c['expect'] == 'needs-input'})
    for f in needs_files:
        exprs = {c['needs_input'].get('identity_expr') for c in cases
                 if c['file'] == f and c['expect'] == 'needs-input'} - {None}
        if len(exprs) > 1:
            raise HarnessError('%s: one --identity per file, manifest has %s' % (f, sorted(exprs)))

    work = tempfile.mkdtemp(prefix='capmig-fix-proof.')
    log('fix_proof: %d cases over %d files, work dir %s' % (len(cases), len(files), work))

    # -- before ---------------------------------------------------------------------------
    pristine = os.path.join(work, 'pristine')
    for f in files:
        os.makedirs(os.path.dirname(os.path.join(pristine, 'tree', f)), exist_ok=True)
        shutil.copy2(os.path.join(REPO, f), os.path.join(pristine, 'tree', f))
    write_manifests(os.path.join(pristine, 'tree'), UPGRADED_LIBRARY)
    findings0 = scan(capmig, pristine, 'tree', manifest)
    by_site = {}
    for fd in findings0:
        by_site[(fd['path'], fd['line'])] = fd

    expected = {}
    for c in cases:
        name = 'before  ' + c['id']
        site = by_site.get((c['file'], c['construct_line']))
        if site is None:
            res.fail(name, 'capmig scan finds no capability-mint at %s:%d (it has %s)' % (
                c['file'], c['construct_line'],
                sorted('%s:%d' % k for k in by_site if k[0] == c['file'])))
            continue
        if c['before'] == 'static':
            p = check_static(c, site)
            expected[c['id']] = expected_from_static(c)
            res.check(name, p, 'static (%s): scan mapping agrees with %s' % (
                c['runtime'], describe(expected[c['id']])))
            continue
        src = os.path.join(pristine, 'run', c['file'])
        if not os.path.exists(src):
            os.makedirs(os.path.dirname(src), exist_ok=True)
            shutil.copy2(os.path.join(REPO, c['file']), src)
        tok, err = mint(c, src, c['runtime'], manifest, work, 'before')
        if err:
            res.fail(name, err)
            continue
        auth = c.get('auth_token', manifest['env']['TWILIO_AUTH_TOKEN'])
        dec = decode(capmig, tok, manifest, auth_token=auth)
        p = check_before(c, dec)
        if not p:
            expected[c['id']] = expected_from_before(c, dec, now)
        res.check(name, p, '%s capability token, verified; maps to %s%s' % (
            c['runtime'], describe(expected.get(c['id'], {'identity': None, 'ttl': None, 'voice': {}})),
            (' ' + ','.join(dec['mapping']['diagnostics'])) if dec['mapping']['diagnostics'] else ''))

    not_rewritten = set()  # (file, construct_line) the manifest wants rewritten but fix left alone

    def after_leg(tag, tree_root, subset, identity_values, diff_text=''):
        shown = set()

        def hunk(c):
            if c['file'] in shown:
                return '\n      (patch of %s shown above)' % c['file']
            shown.add(c['file'])
            h = hunks_for(diff_text, c['file']) if diff_text else ''
            return ('\n      the patch of %s:\n      %s' % (c['file'], first_lines(h, 40))) if h else ''

        for c in subset:
            name = 'after%s %s' % (tag, c['id'])
            if c['id'] not in expected:
                res.fail(name, 'no before-side expectation (see its before failure)')
                continue
            if (c['file'], c['construct_line']) in not_rewritten and tag == '  ':
                res.fail(name, 'not run: capmig fix left this construct alone (see its patch line)')
                continue
            exp = copy.deepcopy(expected[c['id']])
            if c['id'] in identity_values:
                exp['identity'] = identity_values[c['id']]
            path = os.path.join(tree_root, c['file'])
            tok, err = mint(c, path, after_runtime(c), manifest, work, 'after' + tag.strip())
            if err:
                res.fail(name, err + hunk(c))
                continue
            dec = decode(capmig, tok, manifest)
            p = check_after(dec, exp, manifest)
            if p:
                p[-1] += hunk(c)
            res.check(name, p, '%s access token, verified, iss=SK sub=%s; %s' % (
                after_runtime(c), exp['account_sid'], describe(exp)))

    # -- hand-migrated tree (development only) --------------------------------------------
    if args.after_tree:
        idv = {c['id']: c['needs_input']['identity_value'] for c in cases
               if c['expect'] == 'needs-input' and 'identity_value' in c['needs_input']}
        after_leg(' (hand)', os.path.abspath(args.after_tree), cases, idv)
        return res, work

    # -- capmig fix, pass 1 -----------------------------------------------------------------
    p1 = os.path.join(work, 'pass1')
    shutil.copytree(os.path.join(pristine, 'tree'), os.path.join(p1, 'tree'))
    git_init(p1)
    rc, so, se, diff, cmdline = run_fix(capmig, p1, ['tree'], manifest)
    report = so + '\n' + se
    name = 'fix     capmig %s' % cmdline
    if rc not in (0, 1) or diff is None:
        res.fail(name, 'exit %d, %s\n      %s' % (rc, 'no diff file' if diff is None else 'diff written',
                                                first_lines(se + so)))
        return res, work
    with open(os.path.join(p1, 'report.out'), 'w') as f:
        f.write(report)
    pass1_diff = diff
    touched = diff_files(diff)
    p = []
    if not diff.strip():
        p.append('empty diff')
    bad_names = [t for t in touched if not t.startswith('b/tree/')]
    if bad_names:
        p.append('diff names not b/<path as given>/…: %s' % bad_names[:3])
    strays = [t for t in touched if t.startswith('b/tree/') and t[len('b/tree/'):] not in files]
    if strays:
        p.append('diff touches files outside the cases: %s' % strays)
    res.check(name, p, 'exit %d, %d file(s) patched' % (rc, len(touched)))

    # apply: --check, patch -p1 --dry-run, git apply; --apply gives the same bytes
    pc = os.path.join(work, 'pass1-patch')
    shutil.copytree(os.path.join(pristine, 'tree'), os.path.join(pc, 'tree'))
    problems = []
    rc1, _, e1 = run(['git', 'apply', '--check', os.path.join(p1, 'fix.diff')], cwd=p1)
    if rc1:
        problems.append('git apply --check: ' + e1.strip())
    rc2, o2, e2 = run(['patch', '-p1', '--dry-run', '-i', os.path.join(p1, 'fix.diff')], cwd=pc)
    if rc2:
        problems.append('patch -p1 --dry-run: ' + (o2 + e2).strip()[:500])
    applied = False
    if not rc1:
        rc3, _, e3 = run(['git', 'apply', os.path.join(p1, 'fix.diff')], cwd=p1)
        if rc3:
            problems.append('git apply: ' + e3.strip())
        else:
            applied = True
    res.check('fix     git apply --check / patch -p1 --dry-run / git apply', problems)
    if not applied:
        log('      the diff:\n' + diff[:4000])
        return res, work

    pa = os.path.join(work, 'pass1-apply')
    shutil.copytree(os.path.join(pristine, 'tree'), os.path.join(pa, 'tree'))
    rc4, o4, e4 = run([capmig, 'fix', 'tree', '--apply'], cwd=pa, env=base_env(manifest))
    problems = []
    if rc4 not in (0, 1):
        problems.append('exit %d: %s' % (rc4, (e4 + o4).strip()[:300]))
    else:
        for f in files:
            a = open(os.path.join(p1, 'tree', f), 'rb').read()
            b = open(os.path.join(pa, 'tree', f), 'rb').read()
            if a != b:
                problems.append('%s differs from the git-applied diff' % f)
    res.check('fix     capmig fix tree --apply == git apply of --output', problems)

    # idempotence
    rc5, so5, se5, diff2, cmd2 = run_fix(capmig, p1, ['tree'], manifest)
    problems = []
    if rc5 not in (0, 1):
        problems.append('exit %d: %s' % (rc5, se5.strip()[:300]))
    elif diff2 is None:
        problems.append('no --output file written')
    elif diff2.strip():
        problems.append('second fix is not empty:\n' + diff2[:3000])
    res.check('fix     idempotent: second capmig fix on the patched tree prints an empty diff', problems)

    # what is left: exactly the needs-input constructs, each reported with its reason
    left = {}
    for fd in scan(capmig, p1, 'tree', manifest):
        rel = fd['path']
        left.setdefault(rel, []).append(line_text(os.path.join(p1, 'tree', rel), fd['line']))
    for f in files:
        want = sorted({line_text(os.path.join(REPO, c['file']), c['construct_line'])
                       for c in cases if c['file'] == f and c['expect'] == 'needs-input'})
        got = sorted(left.get(f, []))
        for c in cases:
            if c['file'] == f and c['expect'] == 'rewrite':
                if line_text(os.path.join(REPO, f), c['construct_line']) in got:
                    not_rewritten.add((f, c['construct_line']))
        problems = []
        if got != want:
            problems.append('capability-mint constructs left after the patch: %s; expected (needs-input) %s%s\n      %s'
                            % (got, want, ''.join('\n      fix says ' + r for r in fix_reasons(report, f)),
                               first_lines(hunks_for(diff, f), 60)))
        for c in cases:
            if c['file'] == f and c['expect'] == 'needs-input':
                if not needs_input_reported(report, f, c['needs_input']['reason']):
                    problems.append('fix report does not say needs-input (%s) for %s:\n      %s'
                                    % (c['needs_input']['reason'], f, first_lines(report, 20)))
        orig = open(os.path.join(REPO, f), 'rb').read()
        new = open(os.path.join(p1, 'tree', f), 'rb').read()
        if c_touched := (orig != new):
            problems += style_problems(orig, new)
            err = syntax_check(os.path.join(p1, 'tree', f), work)
            if err:
                problems.append('patched file does not compile: ' + err[:600])
        elif not want:
            problems.append('file not patched at all')
        res.check('patch   ' + f, problems,
                  ('patched' if c_touched else 'unchanged') +
                  ((', needs-input left: %d' % len(want)) if want else ', no capability mint left'))

    # after, pass 1: files without needs-input constructs
    after_leg('  ', os.path.join(p1, 'tree'), [c for c in cases if c['file'] not in needs_files], {}, diff)

    # -- pass 2: each needs-input file alone with --identity ----------------------------------
    for i, f in enumerate(needs_files):
        fcases = [c for c in cases if c['file'] == f]
        ni = identity_need(fcases)
        if not ni.get('identity_expr'):
            continue  # needs input that --identity cannot give: proven as left alone and reported
        p2 = os.path.join(work, 'pass2-%d' % i)
        os.makedirs(os.path.dirname(os.path.join(p2, 'tree', f)))
        shutil.copy2(os.path.join(REPO, f), os.path.join(p2, 'tree', f))
        write_manifests(os.path.join(p2, 'tree'), UPGRADED_LIBRARY)
        git_init(p2)
        target = os.path.join('tree', f)
        rc, so, se, diff, cmdline = run_fix(capmig, p2, [target], manifest, ['--identity', ni['identity_expr']])
        problems = []
        applied2 = False
        if rc not in (0, 1) or not diff:
            problems.append('exit %d, diff %s: %s' % (rc, 'missing' if diff is None else 'empty', (se + so).strip()[:500]))
        else:
            bad = [t for t in diff_files(diff) if t != 'b/' + target]
            if bad:
                problems.append('diff names %s, expected b/%s' % (bad, target))
            r1, _, e1 = run(['git', 'apply', '--check', 'fix.diff'], cwd=p2)
            if r1:
                problems.append('git apply --check: ' + e1.strip())
            else:
                applied2 = run(['git', 'apply', 'fix.diff'], cwd=p2)[0] == 0
                left = scan(capmig, p2, target, manifest)
                if left:
                    problems.append('capability-mint left after --identity: lines %s\n      %s'
                                    % ([x['line'] for x in left], first_lines(diff, 60)))
                err = syntax_check(os.path.join(p2, target), work)
                if err:
                    problems.append('patched file does not compile: ' + err[:600])
                problems += style_problems(open(os.path.join(REPO, f), 'rb').read(),
                                           open(os.path.join(p2, target), 'rb').read())
        res.check('fix     capmig %s' % cmdline, problems, 'all constructs rewritten')
        if applied2:
            idv = {c['id']: c['needs_input']['identity_value'] for c in fcases
                   if c['expect'] == 'needs-input' and 'identity_value' in c['needs_input']}
            after_leg(' --identity', os.path.join(p2, 'tree'), fcases, idv, diff)
    for f in needs_files:
        if not identity_need([c for c in cases if c['file'] == f]).get('identity_expr'):
            for c in cases:
                if c['file'] == f:
                    log('note    %s: needs input --identity cannot give; proven only as left alone and reported' % c['id'])

    generation_leg(capmig, manifest, work, res, cases, pristine, pass1_diff)

    # -- samples leg ---------------------------------------------------------------------------
    if not args.no_samples_leg and not args.only:
        samples_leg(capmig, manifest, work, res)
    return res, work


def identity_need(fcases):
    """The needs_input of the file's case that --identity settles, else the first one's: a
    construct may wait only for another (library-mixed), and moves once that one is given."""
    needs = [c['needs_input'] for c in fcases if c['expect'] == 'needs-input']
    return next((n for n in needs if n.get('identity_expr')), needs[0])


def generation_leg(capmig, manifest, work, res, cases, pristine, want):
    """The same tree before the library upgrade: files on a retired API (the node2/python5
    cases) must be left alone, each construct reported library-upgrade; with
    --library-upgraded the patch of those files must be the one pass 1 made for the project
    whose manifests already show the upgrade."""
    old_files = sorted({c['file'] for c in cases if c['runtime'] in ('node2', 'python5')})
    if not old_files:
        return
    po = os.path.join(work, 'before-upgrade')
    shutil.copytree(os.path.join(pristine, 'tree'), os.path.join(po, 'tree'))
    write_manifests(os.path.join(po, 'tree'), OLD_LIBRARY)
    git_init(po)
    rc, so, se, diff, cmdline = run_fix(capmig, po, ['tree'], manifest)
    problems = []
    try:
        report = json.loads(so)
    except ValueError:
        report = {'rewrites': []}
        problems.append('no JSON report: ' + (se + so)[:400])
    touched = set(diff_files(diff or ''))
    for f in old_files:
        if 'b/tree/' + f in touched:
            problems.append('%s patched although package.json/requirements.txt pin the old library' % f)
        # Constructs pass 1 rewrote wait for the upgrade; the others keep their own reason.
        rewritable = {c['construct_line'] for c in cases if c['file'] == f and c['expect'] == 'rewrite'}
        for r in report['rewrites']:
            if r['path'] != os.path.join('tree', f) and r['path'] != f:
                continue
            if r['status'] != 'needs-input' or (r['line'] in rewritable and r.get('reason_code') != 'library-upgrade'):
                problems.append('%s:%d is %s (%s), not library-upgrade' % (
                    f, r['line'], r['status'], r.get('reason_code')))
    res.check('library capmig %s (old pins)' % cmdline, problems,
              '%d file(s) on a retired API left alone, each construct library-upgrade' % len(old_files))
    rc2, so2, se2, diff2, cmdline2 = run_fix(capmig, po, ['tree'], manifest, ['--library-upgraded'])
    problems = []
    for f in old_files:
        if hunks_for(diff2 or '', 'tree/' + f) != hunks_for(want, 'tree/' + f):
            problems.append('%s: the --library-upgraded patch differs from the one for upgraded manifests' % f)
    res.check('library capmig %s (old pins)' % cmdline2, problems,
              'the same patch as for a project already upgraded')


def samples_leg(capmig, manifest, work, res):
    ps = os.path.join(work, 'samples')
    src = os.path.join(REPO, 'samples', 'legacy')
    shutil.copytree(src, os.path.join(ps, 'legacy'))
    git_init(ps)
    rc, so, se, diff, cmdline = run_fix(capmig, ps, ['legacy'], manifest)
    name = 'samples capmig %s' % cmdline
    if rc not in (0, 1) or diff is None:
        res.fail(name, 'exit %d: %s' % (rc, (se + so).strip()[:500]))
        return
    touched = [t[len('b/'):] for t in diff_files(diff)]
    problems = []
    neg = [t for t in touched if 'negative' in os.path.basename(t)]
    if neg:
        problems.append('negative samples patched: %s' % neg)
    r1, _, e1 = run(['git', 'apply', '--check', 'fix.diff'], cwd=ps)
    if r1:
        problems.append('git apply --check: ' + e1.strip()[:1000])
    if not res.check(name, problems, 'exit %d, %d file(s) patched, the patch applies' % (rc, len(touched))):
        return
    run(['git', 'apply', 'fix.diff'], cwd=ps)
    by_ext = {}
    for t in touched:
        ext = os.path.splitext(t)[1]
        err = syntax_check(os.path.join(ps, t), work)
        by_ext.setdefault(ext, [0, []])
        by_ext[ext][0] += 1
        if err:
            by_ext[ext][1].append('%s: %s' % (t, err[:400]))
    tools = {'.rb': 'ruby -c', '.php': 'php -l', '.js': 'node --check', '.mjs': 'node --check',
             '.py': 'py_compile', '.ts': 'tsc (parse, then strict type-check against twilio 6.2.0 typings)'}
    for ext in ('.rb', '.php'):
        if ext not in by_ext:
            res.ok('samples %s' % tools[ext], 'nothing to check: no %s sample was patched' % ext)
    for ext, (n, errs) in sorted(by_ext.items()):
        label = 'samples %s on %d patched %s file(s)' % (tools.get(ext, 'no checker'), n, ext)
        if ext not in tools:
            res.ok(label, 'not checked here')
            continue
        res.check(label, errs)
    for t in touched:
        probs = style_problems(open(os.path.join(src, os.path.relpath(t, 'legacy')), 'rb').read(),
                               open(os.path.join(ps, t), 'rb').read())
        if probs:
            res.fail('samples style ' + t, '; '.join(probs))
    # The contract: every capability mint is rewritten or reported as needs-input.
    report = so + '\n' + se
    unhandled = {}
    for fd in scan(capmig, ps, 'legacy', manifest):
        rel = os.path.join('legacy', fd['path'])
        if not needs_input_reported(report, rel, ''):
            unhandled.setdefault(rel, []).append(fd['line'])
    res.check('samples every capability-mint left after the patch is reported needs-input',
              ['%s:%s' % (k, ','.join(map(str, v))) for k, v in sorted(unhandled.items())],
              'yes')
    rc2, so2, se2, diff2, _ = run_fix(capmig, ps, ['legacy'], manifest)
    res.check('samples idempotent: second capmig fix legacy is empty',
              [] if (rc2 in (0, 1) and diff2 is not None and not diff2.strip())
              else ['exit %d, diff:\n%s' % (rc2, (diff2 or '')[:3000])])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('capmig')
    ap.add_argument('--only', help='run only the cases whose id contains this')
    ap.add_argument('--keep', action='store_true', help='keep the work directory')
    ap.add_argument('--after-tree', help='hand-migrated tree to run the after-side on (no capmig fix)')
    ap.add_argument('--no-samples-leg', action='store_true')
    args = ap.parse_args()
    work = None
    try:
        res, work = prove(args)
    except HarnessError as e:
        print('fix_proof: error: %s' % e, file=sys.stderr)
        return 2
    finally:
        pass
    if args.keep or res.failed:
        log('fix_proof: work dir kept: %s' % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    log('fix_proof: %d passed, %d failed' % (len(res.passed), len(res.failed)))
    return 1 if res.failed else 0


if __name__ == '__main__':
    sys.exit(main())
