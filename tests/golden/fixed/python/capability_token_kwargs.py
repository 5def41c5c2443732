"""Conference-room phones: one fixed client per room.

Everything is passed to the ClientCapabilityToken constructor as keyword
dictionaries (twilio-python 6.x+), which is why there are no allow_* calls.
"""
import os
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

ROOMS = {
    'boardroom': 'AP2b4d6f8a0c1e3a5b7c9d0e2f4a6b8c0d',
    'cafeteria': 'APf1e2d3c4b5a6978867564534231201ff',
}

account_sid = 'AC3f5e2b1c9d8a7f6e5d4c3b2a1f0e9d8c'
auth_token = 'a87ff679a2f3e71d9181a67b7542122c'  # capmig-expect: hardcoded-auth-token hardcoded-secret


def boardroom_token():
    access_token = AccessToken(
        account_sid,
        os.environ['TWILIO_API_KEY_SID'],
        os.environ['TWILIO_API_KEY_SECRET'],
        identity='boardroom',
        ttl=1800,
    )
    access_token.add_grant(VoiceGrant(
        incoming_allow=True,
        outgoing_application_sid='AP2b4d6f8a0c1e3a5b7c9d0e2f4a6b8c0d',
        outgoing_application_params={'mode': 'conference room'},
    ))
    return access_token.to_jwt()


def token_for(user):
    """`user` is the room name; unknown rooms share the cafeteria app."""
    app_sid = ROOMS.get(user, ROOMS['cafeteria'])
    access_token = AccessToken(
        account_sid,
        os.environ['TWILIO_API_KEY_SID'],
        os.environ['TWILIO_API_KEY_SECRET'],
        identity=str(user),
        ttl=900,
    )
    access_token.add_grant(VoiceGrant(
        incoming_allow=True,
        outgoing_application_sid=app_sid,
    ))
    return access_token.to_jwt()


if __name__ == '__main__':
    print(boardroom_token())
