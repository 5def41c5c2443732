"""Expected Access Token mapping of a capability token (TOKENS.md §5), computed from the
fields the generator asked the library to write, never from capmig. Mirrors lib/common.js."""
import re

VALID_IDENTITY = re.compile(r'[A-Za-z0-9_]+')


def last_wins(pairs):
    """Ordered (key, value) pairs -> dict; a repeated key keeps its first position and takes
    the last value. Returns (dict, repeated)."""
    out, repeated = {}, False
    for k, v in pairs:
        if k in out:
            repeated = True
        out[k] = v
    return out, repeated


def expect_mapping(cap, now, param_repeated=False, more_incoming=()):
    diags = []
    if cap['issued_at'] is not None:
        ttl = cap['expires_at'] - cap['issued_at']
    elif cap['not_before'] is not None:
        ttl = cap['expires_at'] - cap['not_before']
    else:
        ttl = 3600
        diags.append('ttl-unknown')
    if ttl > 86400:
        ttl = 86400
        diags.append('ttl-exceeds-max')
    inc = cap['incoming']['client_name'] if cap['incoming'] else None
    out = cap['outgoing']['client_name'] if cap['outgoing'] else None
    conflict = inc is not None and out is not None and inc != out
    conflict = conflict or any(n != inc for n in more_incoming)
    if conflict:
        diags.append('identity-conflict')
    identity = inc if inc is not None else out
    if identity is None:
        diags.append('identity-missing')
    elif not VALID_IDENTITY.fullmatch(identity):
        diags.append('identity-invalid-chars')
    if cap['event_stream']:
        diags.append('event-stream-unsupported')
    if cap['unknown_scopes']:
        diags.append('scope-unknown')
    if param_repeated:
        diags.append('param-repeated')
    if cap['expires_at'] <= now:
        diags.append('capability-expired')
    voice = {}
    if cap['incoming']:
        voice['incoming'] = {'allow': True}
    if cap['outgoing']:
        voice['outgoing'] = {'application_sid': cap['outgoing']['application_sid']}
        if cap['outgoing']['params']:
            voice['outgoing']['params'] = cap['outgoing']['params']
    grants = {}
    if identity is not None:
        grants['identity'] = identity
    grants['voice'] = voice
    return {'identity': identity, 'ttl': ttl, 'grants': grants, 'diagnostics': sorted(diags)}
