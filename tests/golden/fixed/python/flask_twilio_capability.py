# -*- coding: utf-8 -*-
"""Browser phone backend (Flask + twilio-python 5.x).

Config comes from the environment; see deploy/heroku.md.
"""
import os

from flask import Flask, abort, jsonify, request
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

app = Flask(__name__)

TOKEN_TTL = int(os.environ.get('TWILIO_TOKEN_TTL', '600'))


def token_for(user, queue='support'):
    """Return a capability token that lets `user` receive calls and dial out."""

    params = {'agent': user, 'queue': queue}
    access_token = AccessToken(
        os.environ['TWILIO_ACCOUNT_SID'],
        os.environ['TWILIO_API_KEY_SID'],
        os.environ['TWILIO_API_KEY_SECRET'],
        identity=str(user),
        ttl=TOKEN_TTL,
    )
    access_token.add_grant(VoiceGrant(
        incoming_allow=True,
        outgoing_application_sid=os.environ['TWILIO_APP_SID'],
        outgoing_application_params=params,
    ))
    return access_token.to_jwt()


@app.route('/token', methods=['GET'])
def token():
    user = request.args.get('user', '')
    if not user.isalnum():
        abort(400)
    return jsonify(token=token_for(user, request.args.get('queue', 'support')))


@app.route('/voice', methods=['POST'])
def voice():
    # TwiML lives in the TwiML app; nothing to do here yet.
    return ('', 204)


if __name__ == '__main__':
    app.run(debug=os.environ.get('FLASK_DEBUG') == '1')
