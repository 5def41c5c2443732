"""calls/views.py -- Django 2.2 class-based views, twilio-python 6.x."""
import logging

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views import View
from twilio.jwt.client import ClientCapabilityToken

logger = logging.getLogger(__name__)

TWILIO = getattr(settings, 'TWILIO', {})


def token_for(user):
    capability = ClientCapabilityToken(TWILIO['ACCOUNT_SID'], TWILIO['AUTH_TOKEN'])  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? ttl=3600
    capability.allow_client_incoming(user)
    capability.allow_client_outgoing(TWILIO['APP_SID'])
    return capability.to_jwt()


class CapabilityTokenView(LoginRequiredMixin, View):
    """GET /calls/token -> application/jwt"""

    http_method_names = ['get']

    def get(self, request, *args, **kwargs):
        client_name = request.user.get_username().replace('.', '_')
        try:
            jwt = token_for(client_name)
        except KeyError:
            logger.exception('TWILIO settings incomplete')
            return HttpResponse(status=503)
        if isinstance(jwt, bytes):  # older twilio + PyJWT 1.x returned bytes
            jwt = jwt.decode('ascii')
        return HttpResponse(jwt, content_type='application/jwt')
