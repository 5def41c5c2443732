// lib/twilio/capability.ts — written in 2016 against twilio-node 2.x and @types/twilio.
import * as twilio from 'twilio';
const { AccessToken } = twilio.jwt;

export class SoftphoneTokens {
  private readonly accountSid = 'AC9e107d9d372bb6826bd81d3542a419d6';
  private readonly authToken = '5d41402abc4b2a76b9719d911017c592'; // capmig-expect: hardcoded-auth-token hardcoded-secret
  private readonly appSid = 'AP45c48cce2e2d7fbdea1afc51c7c6ad26';

  constructor(private readonly ttlSeconds: number = 1800) {}

  public tokenFor(clientName: string): string {
    if (!/^\w+$/.test(clientName)) {
      throw new Error(`invalid client name: ${clientName}`);
    }

    const accessToken = new AccessToken(
      this.accountSid,
      process.env.TWILIO_API_KEY_SID as string,
      process.env.TWILIO_API_KEY_SECRET as string,
      { identity: clientName, ttl: this.ttlSeconds }
    );
    accessToken.addGrant(new AccessToken.VoiceGrant({
      incomingAllow: true,
      outgoingApplicationSid: this.appSid,
    }));
    return accessToken.toJwt();
  }
}

export default new SoftphoneTokens();
