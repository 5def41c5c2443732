// An old payment console: the account and its credentials as plain variables, handed to the
// REST client and the token constructor by name. Each literal is a secret to rotate, although
// no name says "auth token": the call it is passed to, right after a literal SID, says so.
var twilio = require('twilio');

var account = "AC0123456789abcdef0123456789abcd01";
var token = "098f6bcd4621d373cade4e832627b4f6"; // capmig-expect: hardcoded-auth-token-anywhere hardcoded-secret
var client = new twilio.RestClient(account, token);

var keySid = 'SKa1b2c3d4e5f60718293a4b5c6d7e8f90';
var keyValue = 'Qm7pZ2xv9KfT4aLw8sRt1YbN6cEd3HgU'; // capmig-expect: hardcoded-api-key-secret hardcoded-secret
var voiceToken = new twilio.jwt.AccessToken(account, keySid, keyValue, { identity: 'payments' });

// Not secrets: a checksum compared with another, and a value passed after a plain string.
var checksum = "d41d8cd98f00b204e9800998ecf8427e";
verify(account, "receipt", checksum);

module.exports = { client: client, voiceToken: voiceToken };
