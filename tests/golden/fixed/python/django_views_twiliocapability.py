"""phones/views.py -- Django 1.8, twilio 5.x.

The capability token is rendered into the softphone page and refreshed over AJAX.
"""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant


def token_for(user):
    # Wallboard needs the event stream for presence.
    # 2014: outbound calling was switched off for interns.
    # capability.allow_client_outgoing(settings.TWILIO_APP_SID)
    # capmig event-stream-unsupported: scope:stream:subscribe has no Access Token grant and is dropped.
    access_token = AccessToken(
        settings.TWILIO_ACCOUNT_SID,
        settings.TWILIO_API_KEY_SID,
        settings.TWILIO_API_KEY_SECRET,
        identity=str(user),
        ttl=3600,
    )
    access_token.add_grant(VoiceGrant(
        incoming_allow=True,
    ))
    return access_token.to_jwt()


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
