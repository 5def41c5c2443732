// Outbound-only click-to-call widget; the client name is set on the outgoing scope only.
// twilio-node 3.x, `{ jwt }` destructured from the package.
const { jwt } = require('twilio');

const WIDGET_APP = 'AP6f1ed002ab5595859014ebf0951522d9';

exports.widgetToken = function widgetToken(widgetId) {
  const capability = new jwt.ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID, authToken: process.env.TWILIO_AUTH_TOKEN, ttl: 300 }); // capmig-expect: node-client-capability capability-mint identity=? incoming=false app=AP6f1ed002ab5595859014ebf0951522d9 params=widget ttl=300
  capability.addScope(new jwt.ClientCapability.OutgoingClientScope({
    applicationSid: WIDGET_APP,
    clientName: `widget_${widgetId}`,
    params: { widget: String(widgetId) },
  }));
  return capability.toJwt();
};
