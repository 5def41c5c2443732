// capmig-negative: client-twiliojs-setup-emitted the Voice SDK 2.x in code, the old call only in comments and a log message
// capmig-negative: client-twiliojs-setup no Twilio.Device.setup call, only its name
// Before 2021 this page called Twilio.Device.setup(token) on load.
const { Device } = require('@twilio/voice-sdk');

async function start(fetchToken) {
  const device = new Device(await fetchToken(), { closeProtection: true });
  device.on('tokenWillExpire', async () => device.updateToken(await fetchToken()));
  await device.register();
  console.info('registered (replaces Twilio.Device.setup from twilio.js 1.x)');
  return device;
}

// An SDK-style guard names the old call with nothing in its parentheses: no token is passed.
function requireDevice(device) {
  if (!device) throw new Error('Run Twilio.Device.setup() before placing a call');
  return device;
}

module.exports = { start, requireDevice };
