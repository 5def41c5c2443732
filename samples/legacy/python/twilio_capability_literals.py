#!/usr/bin/env python
"""Nightly dialer: hands a capability token to the Selenium-driven browser phone.

Written for twilio 5.4 (python 2.7), ported to python 3 in 2019 without other changes.
"""
from __future__ import print_function

import sys

from twilio.util import TwilioCapability

ACCOUNT_SID = 'ACb7a1c9d2e8f34a6b9c0d1e2f3a4b5c6d'
AUTH_TOKEN = '098f6bcd4621d373cade4e832627b4f6'  # capmig-expect: hardcoded-auth-token hardcoded-secret
DIALER_APP_SID = 'AP7c4a8d09ca3762af61e59520943dc264'


def token_for(user):
    cap = TwilioCapability(ACCOUNT_SID, AUTH_TOKEN)  # capmig-expect: python-twilio-capability capability-mint identity=? incoming=true app=AP7c4a8d09ca3762af61e59520943dc264 params=campaign,tag ttl=1800
    cap.allow_client_incoming(user)
    cap.allow_client_outgoing(DIALER_APP_SID, campaign='spring-sale', tag=['a', 'b'])
    return cap.generate(1800)


def lobby_token():
    # The lobby phone only dials out; the literal token was "temporary" in 2015.
    cap = TwilioCapability('ACb7a1c9d2e8f34a6b9c0d1e2f3a4b5c6d', 'c4ca4238a0b923820dcc509a6f75849b')  # capmig-expect: python-twilio-capability capability-mint identity=none incoming=false app=APf1e2d3c4b5a6978867564534231201ff ttl=3600; hardcoded-auth-token hardcoded-secret
    cap.allow_client_outgoing('APf1e2d3c4b5a6978867564534231201ff')
    return cap.generate()


def main(argv):
    if len(argv) < 2:
        print('usage: dialer_token.py USER', file=sys.stderr)
        return 2
    print(token_for(argv[1]))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
