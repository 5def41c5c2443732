"""Minimal capability-token signer for the Lambda that fronts the IVR.

We could not ship the twilio package in the 2016 Lambda zip (size limit), so this
re-implements the little bit of TwilioCapability we need.
"""
import base64
import hashlib
import hmac
import json
import os
import time

try:
    from urllib.parse import quote
except ImportError:  # python 2
    from urllib import quote


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=')


def _sign(payload, key):
    header = _b64(json.dumps({'typ': 'JWT', 'alg': 'HS256'}).encode('utf-8'))
    body = _b64(json.dumps(payload).encode('utf-8'))
    signing_input = header + b'.' + body
    sig = hmac.new(key.encode('utf-8'), signing_input, hashlib.sha256).digest()
    return (signing_input + b'.' + _b64(sig)).decode('ascii')


def token_for(user, ttl=3600):
    name = quote(user, safe='')
    app_sid = os.environ['TWILIO_APP_SID']
    scope = 'scope:client:incoming?clientName=%s scope:client:outgoing?appSid=%s&clientName=%s' % (name, app_sid, name)  # capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?
    payload = {
        'scope': scope,
        'iss': os.environ['TWILIO_ACCOUNT_SID'],
        'exp': int(time.time()) + ttl,
    }
    return _sign(payload, os.environ['TWILIO_AUTH_TOKEN'])


def handler(event, context):
    user = (event.get('queryStringParameters') or {}).get('user')
    if not user:
        return {'statusCode': 400, 'body': 'user required'}
    return {'statusCode': 200, 'body': json.dumps({'token': token_for(user)})}
