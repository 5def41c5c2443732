"""members/voice.py -- twilio-python 6.x: each member's browser phone is named by the member's
database id, an int; the capability scope wrote it as text (clientName=42)."""
import os

from twilio.jwt.client import ClientCapabilityToken


def member_token(member_id):
    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true ttl=3600
    capability.allow_client_incoming(member_id)
    return capability.to_jwt()
