// api/routes/phone.ts — Express + TypeScript, twilio@3.x typings.
import { Request, Response, Router } from 'express';
import { jwt } from 'twilio';

type Region = 'us' | 'eu';

interface AuthedRequest extends Request {
  user?: { id: string; region: Region };
}

const CALL_CENTER_APP: string = process.env.CALL_CENTER_APP_SID || '';

export function outboundToken(agentId: string, region: Region): string {
  const scope = new jwt.ClientCapability.OutgoingClientScope({
    applicationSid: CALL_CENTER_APP,
    params: { agentId, region },
  });

  const capability = new jwt.ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID as string, authToken: process.env.TWILIO_AUTH_TOKEN as string }); // capmig-expect: node-client-capability capability-mint identity=none incoming=false app=? params=agentId,region ttl=3600
  capability.addScope(scope);
  return capability.toJwt();
}

export const phoneRouter = Router();

phoneRouter.get('/phone/token', (req: AuthedRequest, res: Response) => {
  if (!req.user) {
    res.sendStatus(401);
    return;
  }
  try {
    res.json({ token: outboundToken(req.user.id, req.user.region) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    res.status(500).json({ error: message });
  }
});
