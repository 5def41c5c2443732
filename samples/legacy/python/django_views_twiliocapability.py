"""phones/views.py -- Django 1.8, twilio 5.x.

The capability token is rendered into the softphone page and refreshed over AJAX.
"""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from twilio.util import TwilioCapability


def token_for(user):
    capability = TwilioCapability(  # capmig-expect: python-twilio-capability capability-mint identity=? incoming=true ttl=3600
        settings.TWILIO_ACCOUNT_SID,
        settings.TWILIO_AUTH_TOKEN,
    )
    capability.allow_client_incoming(user)
    # Wallboard needs the event stream for presence.
    capability.allow_event_stream(event='presence')
    # 2014: outbound calling was switched off for interns.
    # capability.allow_client_outgoing(settings.TWILIO_APP_SID)
    return capability.generate()


@login_required
def softphone(request):
    return render(request, 'phones/softphone.html', {
        'capability_token': token_for(request.user.username),
    })


@login_required
def refresh_token(request):
    try:
        token = token_for(request.user.username)
    except Exception as exc:  # pragma: no cover - logged by Sentry
        return JsonResponse({'error': str(exc)}, status=500)
    return JsonResponse({'token': token})
