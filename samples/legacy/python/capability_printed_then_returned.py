# A debugging print left in a view: the capability object signs one token for the log and
# another for the response, with a different lifetime.
from twilio.util import TwilioCapability

from .settings import ACCOUNT_SID, AUTH_TOKEN


def client_token(request):
    capability = TwilioCapability(ACCOUNT_SID, AUTH_TOKEN)  # capmig-expect: python-twilio-capability capability-mint identity=? ttl=3600
    capability.allow_client_incoming(request.user.username)
    print(capability.generate())
    return capability.generate(expires=600)  # capmig-expect: python-twilio-capability capability-mint identity=? ttl=600
