"""Robo-dialer: outbound only, no client name anywhere (identity must be chosen)."""
import os

from twilio.jwt.client import ClientCapabilityToken


def dialer_token(operator_id):
    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'], ttl=120)  # capmig-expect: python-client-capability-token capability-mint identity=none incoming=false app=? params=operator ttl=120
    capability.allow_client_outgoing(os.environ['TWILIO_APP_SID'], operator=operator_id)
    return capability.to_jwt()
