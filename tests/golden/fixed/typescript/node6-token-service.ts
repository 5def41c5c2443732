// src/voice/token.service.ts — NestJS service, twilio-node 3.x with esModuleInterop.
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import twilio from 'twilio';

const { AccessToken } = twilio.jwt;

export interface AgentProfile {
  username: string;
  canDialOut: boolean;
  team?: string;
}

@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);

  constructor(private readonly config: ConfigService) {}

  tokenFor(agent: AgentProfile): string {
    const voiceGrant = new AccessToken.VoiceGrant();

    voiceGrant.incomingAllow = true;

    if (agent.canDialOut) {
      voiceGrant.outgoingApplicationSid = this.config.get<string>('TWILIO_TWIML_APP_SID') as string;
      voiceGrant.outgoingApplicationParams = { team: agent.team ?? 'general' };
    }

    const accessToken = new AccessToken(
      this.config.get<string>('TWILIO_ACCOUNT_SID') as string,
      this.config.get<string>('TWILIO_API_KEY_SID') as string,
      this.config.get<string>('TWILIO_API_KEY_SECRET') as string,
      { identity: agent.username, ttl: 600 }
    );
    accessToken.addGrant(voiceGrant);
    const token = accessToken.toJwt();
    this.logger.debug(`issued capability token for ${agent.username}`);
    return token;
  }
}
