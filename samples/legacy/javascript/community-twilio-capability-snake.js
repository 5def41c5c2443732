// Pair-editing tool (2012): a vendored port of the Python helper kept in ./lib, with the
// Python method names. Each socket gets an outgoing-only token for the shared app.
// capmig-negative: node-twilio-capability not twilio-node's Capability
var express = require('express'),
    path = require('path'),
    TwilioCapability = require('./lib/twilio-capability'),
    config = require('./config');

var app = express();
var io = require('socket.io')(require('http').createServer(app));

io.on('connection', function (socket) {
  var capability = new TwilioCapability(config.account_sid, // capmig-expect: node-community-twilio-client-token capability-mint identity=none incoming=false app=? ttl=3600
                                        config.auth_token);
  var seat = { id: socket.id, token: null };

  capability.allow_client_outgoing(config.app_sid);
  seat.token = capability.generate();
  socket.emit('configuration', seat);
});

module.exports = app;
