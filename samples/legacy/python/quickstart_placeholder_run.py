# run.py from a Twilio Client quickstart checkout (twilio-python 5.x, Flask), never edited past
# the placeholders: the credentials are the tutorial's fill-in-the-blanks, not secrets.
from flask import Flask
from twilio.util import TwilioCapability

app = Flask(__name__)


@app.route('/token')
def token():
    account_sid = "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    auth_token = "yyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
    application_sid = "APzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"

    capability = TwilioCapability(account_sid, auth_token)  # capmig-expect: python-twilio-capability capability-mint ttl=3600
    capability.allow_client_outgoing(application_sid)
    return capability.generate()


if __name__ == "__main__":
    app.run(debug=True)
