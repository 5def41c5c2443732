"""calls/views.py -- Django 2.2 class-based views, twilio-python 6.x."""
import logging

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views import View
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

logger = logging.getLogger(__name__)

TWILIO = getattr(settings, 'TWILIO', {})


def token_for(user):
    access_token = AccessToken(
        TWILIO['ACCOUNT_SID'],
        TWILIO['API_KEY_SID'],
        TWILIO['API_KEY_SECRET'],
        identity=str(user),
        ttl=3600,
    )
    access_token.add_grant(VoiceGrant(
        incoming_allow=True,
        outgoing_application_sid=TWILIO['APP_SID'],
    ))
    return access_token.to_jwt()


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
