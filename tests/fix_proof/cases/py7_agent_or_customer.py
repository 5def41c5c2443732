"""calls/tokens.py -- twilio-python 6.x browser calls: the support dashboard answers as the
agent, every other page is a customer; both may dial the TwiML app."""
import os

from twilio.jwt.client import ClientCapabilityToken


def token_for_page(page):
    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-client-capability-token capability-mint identity=support_agent incoming=true app=? ttl=3600
    capability.allow_client_outgoing(os.environ['TWILIO_TWIML_APP_SID'])

    # agents on the dashboard receive the queue's calls
    if page == '/dashboard':
        capability.allow_client_incoming('support_agent')
    else:
        capability.allow_client_incoming('customer')

    return capability.to_jwt()
