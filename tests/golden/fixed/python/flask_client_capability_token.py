"""Softphone token blueprint (Flask, twilio-python 6.x).

Upgraded from twilio.util.TwilioCapability in 2017: only the import and the
final to_jwt() call changed.
"""
import logging
import os

from flask import Blueprint, current_app, jsonify, request
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

log = logging.getLogger(__name__)
bp = Blueprint('voice_token', __name__)


def token_for(user, outbound=True):
    voice_grant = VoiceGrant()
    voice_grant.incoming_allow = True
    if outbound:
        voice_grant.outgoing_application_sid = os.environ['TWILIO_TWIML_APP_SID']
        voice_grant.outgoing_application_params = {'department': 'support', 'locale': 'en-US'}
    access_token = AccessToken(
        os.environ['TWILIO_ACCOUNT_SID'],
        os.environ['TWILIO_API_KEY_SID'],
        os.environ['TWILIO_API_KEY_SECRET'],
        identity=str(user),
        ttl=600,
    )
    access_token.add_grant(voice_grant)
    return access_token.to_jwt()


@bp.route('/voice/token')
def voice_token():
    identity = request.args.get('identity')
    if not identity:
        return jsonify(error='identity is required'), 400
    try:
        token = token_for(identity, outbound=current_app.config.get('ALLOW_OUTBOUND', True))
    except KeyError as missing:
        log.error('missing Twilio setting %s', missing)
        return jsonify(error='server misconfigured'), 500
    return jsonify(identity=identity, token=token)
