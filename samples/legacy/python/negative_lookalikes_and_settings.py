"""NEGATIVE SAMPLE: settings that read every Twilio credential from the environment, a
migrated token view, and the app's own classes whose names resemble the old helpers.
Expected findings: none.

capmig-negative: python-twilio-capability (our TwilioCapabilityError and a docstring mention)
capmig-negative: python-client-capability-token (our ClientCapabilityTokenCache)
capmig-negative: hardcoded-auth-token-anywhere (env reads, placeholders, a file checksum)
capmig-negative: hardcoded-auth-token (the auth token only reaches the REST client, from env)

The retired code called ``TwilioCapability(sid, token)`` and later
``ClientCapabilityToken(sid, token)``; both are gone since the 2023 migration.
"""
import hashlib
import os

from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant
from twilio.rest import Client

TWILIO_ACCOUNT_SID = os.environ['TWILIO_ACCOUNT_SID']
TWILIO_AUTH_TOKEN = os.environ.get('TWILIO_AUTH_TOKEN', '')
TWILIO_AUTH_TOKEN_SECRET_NAME = 'prod/voice/twilio-auth-token'
TWILIO_AUTH_TOKEN_ROTATED_DAYS = 90
EXAMPLE_AUTH_TOKEN = 'your_auth_token'

# Checksum of the bundled ringtone, compared at start-up.
RINGTONE_MD5 = 'b1946ac92492d2347c6235b4d2611184'


class TwilioCapabilityError(RuntimeError):
    """Raised when an agent asks for a call feature their plan does not include."""


class ClientCapabilityTokenCache:
    """Caches the Access Tokens we hand to browsers, keyed by agent id."""

    def __init__(self, ttl=600):
        self.ttl = ttl
        self._tokens = {}

    def get(self, agent_id):
        return self._tokens.get(agent_id)

    def put(self, agent_id, jwt):
        self._tokens[agent_id] = jwt


def ringtone_ok(path):
    with open(path, 'rb') as f:
        return hashlib.md5(f.read()).hexdigest() == RINGTONE_MD5


def rest_client():
    return Client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)


def voice_token(agent_id, cache=ClientCapabilityTokenCache()):
    cached = cache.get(agent_id)
    if cached:
        return cached
    token = AccessToken(TWILIO_ACCOUNT_SID, os.environ['TWILIO_API_KEY_SID'],
                        os.environ['TWILIO_API_KEY_SECRET'], identity=agent_id, ttl=cache.ttl)
    token.add_grant(VoiceGrant(incoming_allow=True,
                               outgoing_application_sid=os.environ['TWILIO_TWIML_APP_SID']))
    jwt = token.to_jwt()
    cache.put(agent_id, jwt)
    return jwt
