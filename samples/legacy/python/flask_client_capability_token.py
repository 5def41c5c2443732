"""Softphone token blueprint (Flask, twilio-python 6.x).

Upgraded from twilio.util.TwilioCapability in 2017: only the import and the
final to_jwt() call changed.
"""
import logging
import os

from flask import Blueprint, current_app, jsonify, request
from twilio.jwt.client import ClientCapabilityToken

log = logging.getLogger(__name__)
bp = Blueprint('voice_token', __name__)


def token_for(user, outbound=True):
    capability = ClientCapabilityToken(  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? params=department,locale ttl=600
        account_sid=os.environ['TWILIO_ACCOUNT_SID'],
        auth_token=os.environ['TWILIO_AUTH_TOKEN'],
        ttl=600,
    )
    capability.allow_client_incoming(user)
    if outbound:
        capability.allow_client_outgoing(
            os.environ['TWILIO_TWIML_APP_SID'],
            department='support',
            locale='en-US',
        )
    return capability.to_jwt()


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
