// NEGATIVE SAMPLE: the Voice JS SDK 2.x loaded from its own script tag, which also exposes the
// Twilio.Device global; it takes Access Tokens and registers with device.register(). Expected
// findings: none.
// capmig-negative: client-twiliojs-device (2.x: 'registered', register(), logLevel)
/* global Twilio */
async function startPhone(setStatus) {
  const res = await fetch('/api/voice-token', { credentials: 'same-origin' });
  const { token } = await res.json();
  const device = new Twilio.Device(token, { logLevel: 'warn', codecPreferences: ['opus', 'pcmu'] });
  device.on('registered', () => setStatus('Ready to call'));
  device.on('tokenWillExpire', async () => {
    const next = await (await fetch('/api/voice-token')).json();
    device.updateToken(next.token);
  });
  await device.register();
  return device;
}

module.exports = { startPhone };
