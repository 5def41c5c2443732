# callcenter/settings.py (Django 1.11, 2017): Twilio credentials kept in settings, the REST
# client built at import time. The capability tokens are minted elsewhere from these settings.
import os

from twilio.rest import Client

DEBUG = False
ALLOWED_HOSTS = ['callcenter.example.com']

TWILIO_ACCOUNT_SID = 'AC6512bd43d9caa6e02c990b0a82652dca'
TWILIO_AUTH_TOKEN = 'd3d9446802a44259755d38e6d163e820'  # capmig-expect: hardcoded-auth-token-anywhere hardcoded-secret
TWILIO_APP_SID = os.environ.get('TWILIO_APP_SID', 'AP45c48cce2e2d7fbdea1afc51c7c6ad26')

# The staging account's REST client, written inline during a late-night fix.
staging_client = Client('AC45c48cce2e2d7fbdea1afc51c7c6ad26', '6512bd43d9caa6e02c990b0a82652dca')  # capmig-expect: hardcoded-auth-token-anywhere hardcoded-secret

# Not secrets: a placeholder, a periodic dummy, and a value mentioned in a comment only.
TEST_AUTH_TOKEN = 'your_auth_token'
FAKE_AUTH_TOKEN = '0123456789abcdef0123456789abcdef'
# old auth_token was 'c9f0f895fb98ab9159f51fd0297e236d' (rotated)
CACHE_KEY = 'e4da3b7fbbce2345d7772b0674a318d5'

# The environment first, the literal as a fallback: the literal is still in the repository.
TWILIO_AUTH_TOKEN_FALLBACK = os.environ.get('TWILIO_AUTH_TOKEN') or '45c48cce2e2d7fbdea1afc51c7c6ad26'  # capmig-expect: hardcoded-auth-token-anywhere hardcoded-secret
# A placeholder the tutorial said to replace: one character repeated is never a secret.
PLACEHOLDER_AUTH_TOKEN = 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
