// lib/softphone-token.js — twilio-node 2.x; supervisors may dial out, agents only take calls.
var twilio = require('twilio');

function tokenFor(user) {
  var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? params=none ttl=3600
  capability.allowClientIncoming(user.name);
  if (user.role === 'supervisor') {
    capability.allowClientOutgoing(process.env.SUPERVISOR_APP_SID);
  } else {
    console.log('agent ' + user.name + ': incoming only');
  }
  return capability.generate();
}

module.exports = { tokenFor: tokenFor };
