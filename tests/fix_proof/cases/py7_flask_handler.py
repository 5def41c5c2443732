"""app.py -- single-file Flask softphone backend, token minted inside the view."""
import os

from flask import Flask, jsonify, request
from twilio.jwt.client import ClientCapabilityToken

app = Flask(__name__)


@app.route('/token')
def token():
    identity = request.args.get('identity', 'anonymous')
    capability = ClientCapabilityToken(account_sid=os.environ['TWILIO_ACCOUNT_SID'], auth_token=os.environ['TWILIO_AUTH_TOKEN'], ttl=300)  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? ttl=1500
    capability.allow_client_incoming(identity)
    capability.allow_client_outgoing(os.environ['TWILIO_APP_SID'])
    return jsonify(identity=identity, token=capability.to_jwt(ttl=1500))
