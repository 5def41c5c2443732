"""Both ttls given: twilio-python's to_jwt(ttl=...) wins over the constructor's ttl=."""
import os

from twilio.jwt.client import ClientCapabilityToken


class PhoneTokens(object):
    def __init__(self):
        self.account_sid = os.getenv('TWILIO_ACCOUNT_SID')
        self.auth_token = os.getenv('TWILIO_AUTH_TOKEN')

    def issue(self, user):
        cap = ClientCapabilityToken(self.account_sid, self.auth_token, ttl=300)  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true ttl=1200
        cap.allow_client_incoming(user)
        jwt = cap.to_jwt(ttl=1200)
        return jwt


def token_for(user):
    return PhoneTokens().issue(user)
