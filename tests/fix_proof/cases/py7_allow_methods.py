"""voice/tokens.py -- twilio-python 6.x, allow_* methods and to_jwt(ttl=...)."""
import os

from twilio.jwt.client import ClientCapabilityToken

SHIFT_TTL = 7200


def token_for(agent, queue='general'):
    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? params=queue,shift ttl=7200
    capability.allow_client_outgoing(os.environ['TWILIO_APP_SID'], queue=queue, shift='late')
    capability.allow_client_incoming(agent)
    token = capability.to_jwt(ttl=SHIFT_TTL)
    return token
