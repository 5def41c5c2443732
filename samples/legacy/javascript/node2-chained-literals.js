/*
 * call-center/lib/twilio-token.js
 *
 * Shared desk phone for the support floor. twilio-node 2.11 (allow* methods chain).
 * TODO(ops-412): move the credentials to the vault before the next audit.
 */
var twilio = require('twilio');

var ACCOUNT_SID = 'AC3f5e2b1c9d8a7f6e5d4c3b2a1f0e9d8c';
var AUTH_TOKEN = 'e3b0c44298fc1c149afbf4c8996fb924'; // capmig-expect: hardcoded-auth-token hardcoded-secret
var DESK_APP_SID = 'AP7c4a8d09ca3762af61e59520943dc264';

// Desk phones stay logged in for a whole shift.
var SHIFT_SECONDS = 28800;

function tokenFor(user) {
  // Every seat shares the "support_desk" client so any agent can pick up.
  // `user` is only used for the audit log.
  console.log('[twilio-token] issuing desk token for %s', user);

  return twilio.Capability(ACCOUNT_SID, AUTH_TOKEN) // capmig-expect: node-twilio-capability capability-mint identity=support_desk incoming=true app=AP7c4a8d09ca3762af61e59520943dc264 params=queue,tag ttl=28800
    .allowClientIncoming('support_desk')
    .allowEventStream()
    .allowClientOutgoing(DESK_APP_SID, { queue: 'sales', tag: ['a', 'b'] })
    .generate(SHIFT_SECONDS);
}

function middleware(req, res, next) {
  if (!req.session || !req.session.user) {
    return res.status(401).send('login required');
  }
  try {
    res.locals.twilioToken = tokenFor(req.session.user.login);
  } catch (e) {
    return next(e);
  }
  return next();
}

module.exports = {
  tokenFor: tokenFor,
  middleware: middleware
};
