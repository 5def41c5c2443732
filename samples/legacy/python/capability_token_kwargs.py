"""Conference-room phones: one fixed client per room.

Everything is passed to the ClientCapabilityToken constructor as keyword
dictionaries (twilio-python 6.x+), which is why there are no allow_* calls.
"""
from twilio.jwt.client import ClientCapabilityToken

ROOMS = {
    'boardroom': 'AP2b4d6f8a0c1e3a5b7c9d0e2f4a6b8c0d',
    'cafeteria': 'APf1e2d3c4b5a6978867564534231201ff',
}

account_sid = 'AC3f5e2b1c9d8a7f6e5d4c3b2a1f0e9d8c'
auth_token = 'a87ff679a2f3e71d9181a67b7542122c'  # capmig-expect: hardcoded-auth-token hardcoded-secret


def boardroom_token():
    token = ClientCapabilityToken(  # capmig-expect: python-client-capability-token capability-mint identity=boardroom incoming=true app=AP2b4d6f8a0c1e3a5b7c9d0e2f4a6b8c0d params=mode ttl=1800
        account_sid,
        auth_token,
        allow_client_incoming={'client_name': 'boardroom'},
        allow_client_outgoing={
            'application_sid': 'AP2b4d6f8a0c1e3a5b7c9d0e2f4a6b8c0d',
            'mode': 'conference room',
        },
    )
    return token.to_jwt(ttl=1800)


def token_for(user):
    """`user` is the room name; unknown rooms share the cafeteria app."""
    app_sid = ROOMS.get(user, ROOMS['cafeteria'])
    token = ClientCapabilityToken(account_sid, auth_token, ttl=900)  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=? ttl=900
    token.allow_client_incoming(user)
    token.allow_client_outgoing(app_sid)
    return token.to_jwt()


if __name__ == '__main__':
    print(boardroom_token())
