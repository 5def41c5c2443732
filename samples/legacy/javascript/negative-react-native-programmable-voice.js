// NEGATIVE SAMPLE: react-native-twilio-programmable-voice wraps the Programmable Voice SDKs,
// whose initWithToken takes an Access Token. Expected findings: none.
// capmig-negative: client-react-native-twilio (the Programmable Voice wrapper, Access Tokens)
import TwilioVoice from 'react-native-twilio-programmable-voice';

export async function startVoice(fetchAccessToken) {
  const accessToken = await fetchAccessToken();
  const ok = await TwilioVoice.initWithToken(accessToken);
  if (ok) TwilioVoice.configureCallKit({ appName: 'Support' });
  return ok;
}
