# Flask softphone on twilio-python 5.x (2016). A module helper builds the capability and the
# views configure and sign what it returns: one view binds it to a name and adds the scopes,
# another signs right on the call of a helper that grants its scope itself.
from flask import Flask, request, session, jsonify
from twilio.util import TwilioCapability

app = Flask(__name__)
app.config.from_envvar('SOFTPHONE_SETTINGS')


def new_capability():
    return TwilioCapability(app.config['TWILIO_ACCOUNT_SID'], app.config['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-twilio-capability capability-mint identity=? incoming=true app=? ttl=600


def supervisor_capability():
    capability = TwilioCapability(app.config['TWILIO_ACCOUNT_SID'], app.config['TWILIO_AUTH_TOKEN'])  # capmig-expect: python-twilio-capability capability-mint identity=supervisor incoming=true ttl=3600
    capability.allow_client_incoming('supervisor')
    return capability


@app.route('/token')
def token():
    capability = new_capability()
    capability.allow_client_outgoing(app.config['TWILIO_APP_SID'])
    capability.allow_client_incoming(session['agent'])
    return jsonify(token=capability.generate(600))


@app.route('/supervisor/token')
def supervisor_token():
    return supervisor_capability().generate()
