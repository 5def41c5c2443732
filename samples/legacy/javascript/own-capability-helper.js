// A capability helper of the app's own (the twilio package was too heavy for this worker):
// it assembles each scope from its parts and signs with jwt-simple.
var jwt = require('jwt-simple');

function Capability(accountSid, authToken) {
  this.accountSid = accountSid;
  this.authToken = authToken;
  this.scopes = [];
}

Capability.prototype.scope = function (service, privilege, params) {
  var uri = 'scope:' + service + ':' + privilege; // capmig-expect: hand-rolled-scope capability-mint identity=none
  if (params) uri += '?' + querystring.stringify(params);
  this.scopes.push(uri);
  return this;
};

Capability.prototype.allowIncoming = function (clientName) {
  return this.scope('client', 'incoming', { clientName: clientName });
};

Capability.prototype.generate = function (ttl) {
  var payload = { scope: this.scopes.join(' '), iss: this.accountSid, exp: Math.floor(Date.now() / 1000) + (ttl || 3600) };
  return jwt.encode(payload, this.authToken);
};
module.exports = Capability;
