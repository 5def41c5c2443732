#!/usr/bin/python3
"""Mints fresh tokens with Debian's python3-twilio 7.7.1 (ClientCapabilityToken, AccessToken)
from random inputs; one JSON line per token with the expected decode and mapping, derived from
the inputs (TOKENS.md §1.1, §1.3, §3.2 B, §5). Run with /usr/bin/python3: the pyenv python
first on PATH cannot see Debian's dist-packages.
  gen_python.py --seed S --now T --count N --access M --auth-tokens JSON --api-secrets JSON"""
import argparse
import json
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lib'))
from expect import expect_mapping, last_wins  # noqa: E402
from rand import Rng, REGIONS  # noqa: E402

import jwt as pyjwt  # noqa: E402
import twilio  # noqa: E402
from twilio.jwt.client import ClientCapabilityToken  # noqa: E402
from twilio.jwt.access_token import AccessToken  # noqa: E402
from twilio.jwt.access_token import grants as G  # noqa: E402

# The deprecated grants force their warning filter on; silence the warning itself.
warnings.showwarning = lambda *a, **k: None
assert twilio.__version__ == '7.7.1', twilio.__file__ + ' is ' + twilio.__version__

ap = argparse.ArgumentParser()
ap.add_argument('--seed', type=int, required=True)
ap.add_argument('--now', type=int, required=True)
ap.add_argument('--count', type=int, default=0)
ap.add_argument('--access', type=int, default=0)
ap.add_argument('--auth-tokens', required=True)
ap.add_argument('--api-secrets', required=True)
args = ap.parse_args()
NOW = args.now
rng = Rng(args.seed)
auth_tokens = json.loads(args.auth_tokens)
api_secrets = json.loads(args.api_secrets)

_clock = [0.0]
time.time = lambda: _clock[0]   # twilio.jwt reads the clock as time.time() at to_jwt()


def set_now(t):
    # A fractional part: the library truncates with int().
    _clock[0] = t + rng.choice([0.0, 0.25, 0.999])


def out(rec):
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + '\n')


def random_kwargs(allow_lists=True):
    kw = {}
    for _ in range(rng.int(1, 5)):
        k = rng.key()
        if k == 'application_sid':
            continue
        r = rng.random()
        if r < 0.7 or not allow_lists and r < 0.9:
            v = rng.text(0, 12)
        elif r < 0.8 and allow_lists:
            v = [rng.text(1, 6) for _ in range(rng.int(2, 3))]   # doseq: repeated keys
        elif r < 0.84 and allow_lists:
            v = []                                               # doseq: the key vanishes
        elif r < 0.92:
            v = rng.int(0, 100000)
        else:
            v = rng.chance(0.5)
        kw[k] = v
    return kw


def expected_params(kw):
    """urlencode(kw, doseq=True), decoded: insertion order, lists repeat the key, str() values."""
    pairs = []
    for k, v in kw.items():
        if isinstance(v, list):
            pairs.extend((k, str(x)) for x in v)
        else:
            pairs.append((k, str(v)))
    return last_wins(pairs)


def capability_token(i):
    account_sid = rng.sid('AC')
    auth_token = rng.choice(auth_tokens)
    calls = []
    ctor = {}
    r = rng.random()
    if r < 0.1:
        ctor['nbf'] = None            # no nbf, no iat: ttl unknown
    elif r < 0.25:
        ctor['nbf'] = 'EXPLICIT'      # filled below, relative to the minting clock
    ttl = 3600
    t = rng.random()
    if t < 0.3:
        pass
    elif t < 0.55:
        ttl = ctor['ttl'] = rng.int(1, 3600)
    elif t < 0.65:
        ttl = ctor['ttl'] = rng.choice([86400, 86401, 86399])
    elif t < 0.75:
        ttl = ctor['ttl'] = rng.int(86401, 300000)
    else:
        ttl = ctor['ttl'] = rng.int(3600, 86400)
    if rng.chance(0.1):
        ctor['valid_until'] = NOW + 10   # accepted and ignored by ClientCapabilityToken
    to_jwt_ttl = None
    if rng.chance(0.2):
        to_jwt_ttl = rng.choice([0, rng.int(1, 7200), rng.int(86401, 100000)])   # 0: no override
    eff_ttl = to_jwt_ttl or ttl
    r = rng.random()
    mint_now = (NOW - eff_ttl if r < 0.08 else NOW - rng.int(200000, 400000000) if r < 0.16
                else NOW - rng.int(0, 900))
    if ctor.get('nbf') == 'EXPLICIT':
        ctor['nbf'] = mint_now - rng.int(1, 5000)
    set_now(mint_now)

    # The allow_* calls: in random order, repeated calls replace the earlier scope.
    kinds = []
    while not kinds:
        for k, p in (('incoming', 0.65), ('outgoing', 0.6), ('events', 0.2)):
            if rng.chance(p):
                kinds.append(k)
    for k in list(kinds):
        if rng.chance(0.08):
            kinds.append(k)
    rng.shuffle(kinds)
    use_ctor_kwargs = rng.chance(0.15)

    client_name = None
    outgoing = None
    events = None
    ctor_kwargs = {}
    for kind in kinds:
        if kind == 'incoming':
            client_name = rng.client_name()
            ctor_kwargs.setdefault('allow_client_incoming', {'client_name': client_name})
        elif kind == 'outgoing':
            app_sid = rng.sid('AP')
            r = rng.random()
            kw = {} if r < 0.4 else random_kwargs()
            outgoing = (app_sid, kw)
            ctor_kwargs.setdefault('allow_client_outgoing', dict(application_sid=app_sid, **kw))
        else:
            kw = {} if rng.chance(0.4) else random_kwargs(allow_lists=False)
            events = kw
            ctor_kwargs.setdefault('allow_event_stream', kw)

    if use_ctor_kwargs:
        # The constructor applies its kwargs in the fixed order outgoing, incoming, events,
        # with one call each: the expectation follows the kwargs, not the kinds list.
        cap = ClientCapabilityToken(account_sid, auth_token, **ctor, **ctor_kwargs)
        calls.append('cap = ClientCapabilityToken(%r, auth_token, %s)' % (
            account_sid, ', '.join('%s=%r' % kv for kv in list(ctor.items()) + list(ctor_kwargs.items()))))
        client_name = ctor_kwargs.get('allow_client_incoming', {}).get('client_name')
        o = ctor_kwargs.get('allow_client_outgoing')
        outgoing = (o['application_sid'], {k: v for k, v in o.items() if k != 'application_sid'}) if o else None
        events = ctor_kwargs.get('allow_event_stream')
    else:
        cap = ClientCapabilityToken(account_sid, auth_token, **ctor)
        calls.append('cap = ClientCapabilityToken(%r, auth_token%s)' % (
            account_sid, ''.join(', %s=%r' % kv for kv in ctor.items())))
        # Replay the kinds with fresh values, tracking what the library keeps.
        client_name = outgoing = events = None
        for kind in kinds:
            if kind == 'incoming':
                client_name = rng.client_name()
                cap.allow_client_incoming(client_name)
                calls.append('cap.allow_client_incoming(%r)' % client_name)
            elif kind == 'outgoing':
                app_sid = rng.sid('AP')
                kw = {} if rng.chance(0.4) else random_kwargs()
                cap.allow_client_outgoing(app_sid, **kw)
                calls.append('cap.allow_client_outgoing(%r, **%r)' % (app_sid, kw))
                outgoing = (app_sid, kw)
            else:
                kw = {} if rng.chance(0.4) else random_kwargs(allow_lists=False)
                cap.allow_event_stream(**kw)
                calls.append('cap.allow_event_stream(**%r)' % kw)
                events = kw
    if to_jwt_ttl is None:
        token = cap.to_jwt()
        calls.append('cap.to_jwt()')
    else:
        token = cap.to_jwt(ttl=to_jwt_ttl)
        calls.append('cap.to_jwt(ttl=%r)' % to_jwt_ttl)

    nbf = ctor.get('nbf', mint_now)
    expect = {'account_sid': account_sid, 'expires_at': mint_now + eff_ttl, 'issued_at': None,
              'not_before': nbf, 'incoming': None, 'outgoing': None, 'event_stream': None,
              'unknown_scopes': []}
    repeated = False
    if client_name is not None:
        expect['incoming'] = {'client_name': client_name}
    if outgoing is not None:
        params, repeated = expected_params(outgoing[1])
        expect['outgoing'] = {'application_sid': outgoing[0], 'client_name': client_name, 'params': params}
    if events is not None:
        expect['event_stream'] = {'path': '/2010-04-01/Events', 'params': expected_params(events)[0]}
    return {'lib': 'python', 'kind': 'capability', 'id': 'python-cap-%d' % i, 'call': '; '.join(calls),
            'mint_now': mint_now, 'token': token, 'auth_token': auth_token,
            'expect': {'capability': expect, 'mapping': expect_mapping(expect, NOW, repeated)}}


def access_token(i):
    account_sid, key_sid = rng.sid('AC'), rng.sid('SK')
    secret = rng.choice(api_secrets)
    mint_now = NOW - rng.int(0, 5000)
    set_now(mint_now)
    kw = {}
    if rng.chance(0.85):
        kw['identity'] = rng.client_name() if rng.chance(0.95) else ''   # '' is dropped
    if rng.chance(0.6):
        kw['ttl'] = rng.int(1, 200000)
    r = rng.random()
    if r < 0.15:
        kw['nbf'] = None
    elif r < 0.3:
        kw['nbf'] = mint_now - rng.int(0, 100)
    if rng.chance(0.3):
        kw['region'] = rng.choice(REGIONS)
    tok = AccessToken(account_sid, key_sid, secret, **kw)
    calls = ['t = AccessToken(%r, %r, secret, %s)' % (account_sid, key_sid,
                                                        ', '.join('%s=%r' % kv for kv in kw.items()))]
    makers = [
        lambda: G.VoiceGrant(incoming_allow=rng.choice([None, True, False]),
                             outgoing_application_sid=rng.sid('AP') if rng.chance(0.7) else None,
                             outgoing_application_params=random_kwargs(False) if rng.chance(0.5) else None,
                             push_credential_sid=rng.sid('CR') if rng.chance(0.2) else None,
                             endpoint_id=rng.text(1, 12) if rng.chance(0.1) else None),
        lambda: G.VideoGrant(room=rng.text(1, 12) if rng.chance(0.7) else None),
        lambda: G.ChatGrant(service_sid=rng.sid('IS'), endpoint_id=rng.text(1, 10)),
        lambda: G.SyncGrant(service_sid=rng.sid('IS')),
        lambda: G.TaskRouterGrant(workspace_sid=rng.sid('WS'), worker_sid=rng.sid('WK'), role='worker'),
        lambda: G.IpMessagingGrant(service_sid=rng.sid('IS')),
        lambda: G.ConversationsGrant(configuration_profile_sid=rng.sid('VS')),
        lambda: G.PlaybackGrant(grant={'playbackUrl': 'https://example.invalid/' + rng.hex(8),
                                       'playerStreamerSid': rng.sid('VJ')}),
    ]
    for _ in range(rng.int(1, 3)):
        g = rng.choice(makers)()
        tok.add_grant(g)
        calls.append('t.add_grant(%s(%r))' % (type(g).__name__, vars(g)))
    token = tok.to_jwt()
    calls.append('t.to_jwt()')
    payload = pyjwt.decode(token, options={'verify_signature': False})
    return {'lib': 'python', 'kind': 'access', 'id': 'python-access-%d' % i, 'call': '; '.join(calls),
            'mint_now': mint_now, 'token': token, 'api_key_secret': secret,
            'expect': {'access': {'account_sid': account_sid, 'api_key_sid': key_sid,
                                  'identity': kw.get('identity') or None,
                                  'region': kw.get('region') or None,
                                  'grants': payload['grants']}}}


for i in range(args.count):
    out(capability_token(i))
for i in range(args.access):
    out(access_token(i))
