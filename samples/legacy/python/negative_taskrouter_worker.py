"""NEGATIVE SAMPLE: TaskRouter worker and workspace tokens (not Twilio Client capability
tokens). Expected findings: none."""
import os

from twilio.jwt.taskrouter.capabilities import WorkerCapabilityToken, WorkspaceCapabilityToken


def worker_token(worker_sid, ttl=28800):
    capability = WorkerCapabilityToken(
        account_sid=os.environ['TWILIO_ACCOUNT_SID'],
        auth_token=os.environ['TWILIO_AUTH_TOKEN'],
        workspace_sid=os.environ['TWILIO_WORKSPACE_SID'],
        worker_sid=worker_sid,
        ttl=ttl,
    )
    capability.allow_update_activities()
    capability.allow_update_reservations()
    return capability.to_jwt()


def dashboard_token():
    capability = WorkspaceCapabilityToken(
        os.environ['TWILIO_ACCOUNT_SID'],
        os.environ['TWILIO_AUTH_TOKEN'],
        os.environ['TWILIO_WORKSPACE_SID'],
    )
    capability.allow_fetch_subresources()
    return capability.to_jwt()
