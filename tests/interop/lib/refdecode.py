"""A plain reading of a capability token's payload (TOKENS.md §1.4), used only to self-check
the generators' expectations (--selfcheck), never as the oracle for capmig."""
import base64
import json
from urllib.parse import unquote_plus


def b64d(s):
    return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))


def form(q):
    pairs = []
    if q == '':
        return pairs
    for part in q.split('&'):
        k, _, v = part.partition('=')
        pairs.append((unquote_plus(k, errors='strict'), unquote_plus(v, errors='strict')))
    return pairs


def lw(pairs):
    d, rep = {}, False
    for k, v in pairs:
        rep = rep or k in d
        d[k] = v
    return d, rep


def capability(token):
    payload = json.loads(b64d(token.split('.')[1]))
    cap = {'account_sid': payload['iss'], 'expires_at': int(payload['exp']),
           'issued_at': payload.get('iat'), 'not_before': payload.get('nbf'),
           'incoming': None, 'outgoing': None, 'event_stream': None, 'unknown_scopes': []}
    repeated, more = False, []
    for uri in payload['scope'].split(' '):
        head, _, q = uri.partition('?')
        outer = dict(form(q))
        _, svc, priv = head.split(':')
        if (svc, priv) == ('client', 'incoming'):
            if cap['incoming'] is None:
                cap['incoming'] = {'client_name': outer['clientName']}
            else:
                more.append(outer['clientName'])
        elif (svc, priv) == ('client', 'outgoing'):
            params, rep = lw(form(outer.get('appParams', '')))
            repeated = repeated or rep
            cap['outgoing'] = {'application_sid': outer['appSid'],
                               'client_name': outer.get('clientName'), 'params': params}
        elif (svc, priv) == ('stream', 'subscribe'):
            raw = outer.get('appParams', outer.get('params', ''))
            cap['event_stream'] = {'path': outer['path'], 'params': lw(form(raw))[0]}
        else:
            cap['unknown_scopes'].append(uri)
    return cap, repeated, more
