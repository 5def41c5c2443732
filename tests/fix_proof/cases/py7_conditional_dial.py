"""softphone/tokens.py -- twilio-python 6.x; every agent takes calls, only some may dial out."""
import os

from twilio.jwt.client import ClientCapabilityToken

SHIFT_TTL = 1800


def softphone_token(agent, can_dial, queue=None):
    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? params=queue ttl=1800
    capability.allow_client_incoming(agent)
    if can_dial:
        # outbound agents reach the dialer app, tagged with their queue
        capability.allow_client_outgoing(os.environ['TWILIO_APP_SID'], queue=queue or 'general')
    return capability.to_jwt(ttl=SHIFT_TTL)
