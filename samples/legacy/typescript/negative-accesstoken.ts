// NEGATIVE SAMPLE: migrated TypeScript token endpoint (Access Token + VoiceGrant).
// Expected findings: none.
import twilio from 'twilio';
import type { Request, Response } from 'express';

const AccessToken = twilio.jwt.AccessToken;
const VoiceGrant = AccessToken.VoiceGrant;

export interface TokenOptions {
  identity: string;
  ttl?: number;
  canDialOut?: boolean;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

export function voiceToken({ identity, ttl = 3600, canDialOut = true }: TokenOptions): string {
  const token = new AccessToken(
    required('TWILIO_ACCOUNT_SID'),
    required('TWILIO_API_KEY_SID'),
    required('TWILIO_API_KEY_SECRET'),
    { identity, ttl },
  );
  const grant = new VoiceGrant({
    incomingAllow: true,
    outgoingApplicationSid: canDialOut ? required('TWILIO_TWIML_APP_SID') : undefined,
  });
  token.addGrant(grant);
  return token.toJwt();
}

export function tokenHandler(req: Request, res: Response): void {
  const identity = String(req.query.identity ?? '');
  res.json({ token: voiceToken({ identity }) });
}
