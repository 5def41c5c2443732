"""NEGATIVE SAMPLE: capability-token words in docstrings, comments and strings only,
unrelated ``generate()``/``to_jwt()`` methods, and placeholder credentials.
Expected findings: none.

Usage of the retired helper, for the record::

    capability = TwilioCapability(account_sid, auth_token)
    capability.allow_client_incoming('jenny')
    token = capability.generate()
"""
import secrets

import jwt  # PyJWT

# Copied from the Twilio quickstart; real values come from the environment.
EXAMPLE_SETTINGS = {
    'TWILIO_ACCOUNT_SID': 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'TWILIO_AUTH_TOKEN': 'your_auth_token',
    'TWILIO_APP_SID': 'APXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'TEST_ACCOUNT': 'AC123',
}

MIGRATION_NOTE = (
    "ClientCapabilityToken(account_sid, auth_token) is deprecated; "
    "use AccessToken with a VoiceGrant."
)


class InviteCode(object):
    """Our own 'capability' codes for beta invites."""

    def __init__(self, capability='beta'):
        self.capability = capability

    def generate(self, length=16):
        return '%s-%s' % (self.capability, secrets.token_urlsafe(length))


class ServiceToken(object):
    def __init__(self, subject, secret):
        self.subject = subject
        self.secret = secret

    def to_jwt(self, ttl=300):
        return jwt.encode({'sub': self.subject, 'scope': 'reports:read'}, self.secret, algorithm='HS256')


def allowed(user_capabilities, needed):
    # "capability" here means a permission flag in our own RBAC table.
    return needed in user_capabilities
