"""AWS Lambda behind API Gateway (2017), twilio-python 5.x vendored into the zip.

Each phone's softphone asks for a token with its number; the capability is built inside a
try block (and an else branch), so the lines before it end in a colon.
"""
import os

from twilio.util import TwilioCapability

TOKEN_TTL = 3600


class UnknownPhone(Exception):
    pass


def device_for(phone):
    if not phone:
        raise UnknownPhone(phone)
    return "dev" + phone.lstrip("+")


def lambda_handler(event, context):
    phone = event.get("twilioPhoneNumber")
    try:
        capability = TwilioCapability(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])  # capmig-expect: python-twilio-capability capability-mint identity=? incoming=true app=? ttl=3600
        capability.allow_client_incoming(device_for(phone))
        capability.allow_client_outgoing(os.environ["TWILIO_APP_SID"])
        body = {"capabilityToken": capability.generate(TOKEN_TTL), "success": True}
    except UnknownPhone:
        body = {"capabilityToken": None, "success": False}
    return body


def kiosk_handler(event, context):
    if event.get("disabled"):
        return {"success": False}
    else:
        kiosk = TwilioCapability(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])  # capmig-expect: python-twilio-capability capability-mint identity=none incoming=false app=? ttl=600
        kiosk.allow_client_outgoing(os.environ["KIOSK_APP_SID"])
        return {"capabilityToken": kiosk.generate(600), "success": True}
