// src/voice/token.service.ts — NestJS service, twilio-node 3.x with esModuleInterop.
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import twilio from 'twilio';

const { ClientCapability } = twilio.jwt;

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
    const capability = new ClientCapability({ // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? params=team ttl=600
      accountSid: this.config.get<string>('TWILIO_ACCOUNT_SID') as string,
      authToken: this.config.get<string>('TWILIO_AUTH_TOKEN') as string,
      ttl: 600,
    });

    capability.addScope(new ClientCapability.IncomingClientScope(agent.username));

    if (agent.canDialOut) {
      capability.addScope(
        new ClientCapability.OutgoingClientScope({
          applicationSid: this.config.get<string>('TWILIO_TWIML_APP_SID') as string,
          clientName: agent.username,
          params: { team: agent.team ?? 'general' },
        }),
      );
    }

    const token = capability.toJwt();
    this.logger.debug(`issued capability token for ${agent.username}`);
    return token;
  }
}
