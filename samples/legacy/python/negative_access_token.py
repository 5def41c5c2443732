"""NEGATIVE SAMPLE: migrated to Access Tokens (twilio-python 7.x). Expected findings: none.

History: until 2022 this module built a ClientCapabilityToken and signed it
with the account auth token.

capmig-negative: python-client-capability-token (migrated to AccessToken + VoiceGrant)
"""
import os

from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant


def token_for(user, ttl=600):
    token = AccessToken(
        os.environ['TWILIO_ACCOUNT_SID'],
        os.environ['TWILIO_API_KEY_SID'],
        os.environ['TWILIO_API_KEY_SECRET'],
        identity=user,
        ttl=ttl,
    )
    token.add_grant(VoiceGrant(
        incoming_allow=True,
        outgoing_application_sid=os.environ['TWILIO_TWIML_APP_SID'],
        outgoing_application_params={'plan': 'standard'},
    ))
    return token.to_jwt()


if __name__ == '__main__':
    import sys
    print(token_for(sys.argv[1] if len(sys.argv) > 1 else 'alice'))
