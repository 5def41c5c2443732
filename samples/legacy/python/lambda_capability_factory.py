# tokens.py of a small Tornado softphone (2014, twilio-python 5.x). The capability is built by a
# module-level lambda, so every handler gets a fresh one; the one handler that calls it adds
# its scopes and signs. The lambda's own line is the construct.
import os

import tornado.web
from twilio.util import TwilioCapability

new_capability = lambda: TwilioCapability(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-twilio-capability capability-mint identity=? incoming=true app=? ttl=1800


class TokenHandler(tornado.web.RequestHandler):
    def get(self):
        capability = new_capability()
        capability.allow_client_outgoing(os.environ['TWILIO_APP_SID'])
        capability.allow_client_incoming(self.get_argument('agent'))
        self.write({'token': capability.generate(expires=1800)})
