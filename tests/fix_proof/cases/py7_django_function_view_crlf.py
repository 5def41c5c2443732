"""softphone/views.py -- Django function views, settings.TWILIO_*, CRLF line endings."""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from twilio.jwt.client import ClientCapabilityToken


@login_required
def capability_token(request):
    client_name = request.user.get_username()
    capability = ClientCapabilityToken(  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? params=dept ttl=3600
        settings.TWILIO_ACCOUNT_SID,
        settings.TWILIO_AUTH_TOKEN,
    )
    capability.allow_client_incoming(client_name)
    capability.allow_client_outgoing(settings.TWILIO_APP_SID, dept='sales')
    capability.allow_event_stream(event='presence')
    return JsonResponse({'token': capability.to_jwt()})
