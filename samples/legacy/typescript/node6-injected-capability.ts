// src/voice/softphone.service.ts — NestJS, twilio-node 3.x. A module provider builds the
// ClientCapability from config (useFactory, in another file) and Nest injects it through a
// constructor parameter property; the service adds the scopes and signs. The construct starts
// at the parameter: its credentials are set where the provider builds it.
import { Inject, Injectable } from '@nestjs/common';
import * as twilio from 'twilio';

export const SOFTPHONE_CAPABILITY = 'SOFTPHONE_CAPABILITY';

@Injectable()
export class SoftphoneService {
  constructor(
    @Inject(SOFTPHONE_CAPABILITY) private readonly capability: twilio.jwt.ClientCapability, // capmig-expect: node-client-capability capability-mint identity=? incoming=true ttl=3600
  ) {}

  tokenFor(seat: string): string {
    this.capability.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(seat));
    return this.capability.toJwt();
  }

  // Only read, never configured: not a construct of its own.
  describe(other: twilio.jwt.ClientCapability): string {
    return JSON.stringify(other);
  }
}
