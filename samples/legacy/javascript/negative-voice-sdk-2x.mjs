// NEGATIVE SAMPLE: browser code on the Voice JS SDK 2.x (@twilio/voice-sdk), which takes
// Access Tokens. Expected findings: none.
// capmig-negative: client-twiliojs-setup (new Device(token), not Twilio.Device.setup)
import { Device } from '@twilio/voice-sdk';

let device = null;

async function fetchToken() {
  const res = await fetch('/token', { credentials: 'same-origin' });
  if (!res.ok) {
    throw new Error(`token endpoint returned ${res.status}`);
  }
  const { token } = await res.json();
  return token;
}

export async function startPhone(onIncoming) {
  const token = await fetchToken();
  device = new Device(token, { logLevel: 1, codecPreferences: ['opus', 'pcmu'] });

  device.on('registered', () => console.log('device registered'));
  device.on('error', (err) => console.error('device error', err.code, err.message));
  device.on('incoming', (call) => onIncoming(call));
  device.on('tokenWillExpire', async () => {
    device.updateToken(await fetchToken());
  });

  await device.register();
  return device;
}

export async function dial(number) {
  if (!device) {
    throw new Error('startPhone() first');
  }
  return device.connect({ params: { To: number } });
}

export function stopPhone() {
  if (device) {
    device.destroy();
    device = null;
  }
}
