// src/services/phone.js — React Native app on react-native-twilio (Twilio Client 1.x iOS and
// Android SDKs under a JS bridge): the token comes from our capability endpoint.
import { NativeAppEventEmitter } from 'react-native';
import Twilio from 'react-native-twilio';

const TOKEN_URL = 'https://voice.example.com/capability';

export function connectPhone(user, onIncoming) {
  return fetch(`${TOKEN_URL}?client=${encodeURIComponent(user.name)}`)
    .then((res) => res.text())
    .then((token) => {
      Twilio.initWithToken(token); // capmig-expect: client-react-native-twilio capability-client
      NativeAppEventEmitter.addListener('deviceDidReceiveIncoming', onIncoming);
    });
}

// The older setup fetched the token itself.
export function connectLegacy() {
  Twilio.initWithTokenUrl(TOKEN_URL); // capmig-expect: client-react-native-twilio capability-client
}
