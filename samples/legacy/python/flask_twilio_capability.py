# -*- coding: utf-8 -*-
"""Browser phone backend (Flask + twilio-python 5.x).

Config comes from the environment; see deploy/heroku.md.
"""
import os

from flask import Flask, abort, jsonify, request
from twilio.util import TwilioCapability

app = Flask(__name__)

TOKEN_TTL = int(os.environ.get('TWILIO_TOKEN_TTL', '600'))


def token_for(user, queue='support'):
    """Return a capability token that lets `user` receive calls and dial out."""
    capability = TwilioCapability(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-twilio-capability capability-mint identity=? incoming=true app=? params=agent,queue ttl=?

    params = {'agent': user, 'queue': queue}
    capability.allow_client_outgoing(os.environ['TWILIO_APP_SID'], **params)
    capability.allow_client_incoming(user)

    return capability.generate(expires=TOKEN_TTL)


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
