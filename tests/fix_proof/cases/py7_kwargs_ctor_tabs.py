"""rooms.py -- tab-indented (the original author's editor), twilio-python 7.x kwargs constructor."""
from twilio.jwt.client import ClientCapabilityToken

ACCOUNT_SID = 'AC5d41402abc4b2a76b9719d911017c592'
AUTH_TOKEN = 'c81e728d9d4c2f636f067f89cc14862c'  # capmig-expect: hardcoded-auth-token hardcoded-secret


def room_token(room):
	if not room.isidentifier():
		raise ValueError('bad room %r' % room)
	capability = ClientCapabilityToken(  # capmig-expect: python-client-capability-token capability-mint identity=? incoming=true app=AP8f14e45fceea167a5a36dedd4bea2543 params=room ttl=600
		ACCOUNT_SID,
		AUTH_TOKEN,
		ttl=600,
		allow_client_incoming={'client_name': room},
		allow_client_outgoing={'application_sid': 'AP8f14e45fceea167a5a36dedd4bea2543', 'room': room},
	)
	return capability.to_jwt()
