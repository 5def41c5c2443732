// NEGATIVE SAMPLE: an Android app on the Voice SDK whose own code has a ClientCapability
// builder (feature flags sent by the server) and a TwilioCapabilities helper. Expected
// findings: none.
//
// capmig-negative: java-client-capability (the app's own nested ClientCapability.Builder; the old call in Javadoc)
// capmig-negative: java-twilio-capability (TwilioCapabilities, a static helper of this app)
// capmig-negative: client-android-device (Voice.connect, a DeviceRegistry.createDevice)
package com.example.fieldcall;

import android.content.Context;

import com.example.flags.FeatureSet;
import com.example.telemetry.DeviceRegistry;
import com.twilio.voice.Call;
import com.twilio.voice.ConnectOptions;
import com.twilio.voice.Voice;

/**
 * Places calls with an Access Token. Until 2020 the server built the token with
 * {@code new ClientCapability.Builder(accountSid, authToken).scopes(scopes).build()} and the
 * app handed it to {@code Twilio.createDevice(token, listener)}.
 */
public final class CallLauncher {

    /** Which call features this build may show, as granted by the server. */
    public static final class ClientCapability {
        private final String name;
        private final boolean enabled;

        private ClientCapability(Builder b) {
            this.name = b.name;
            this.enabled = b.enabled;
        }

        public boolean enabled() {
            return enabled;
        }

        public static final class Builder {
            private final String name;
            private boolean enabled;

            public Builder(String name) {
                this.name = name;
            }

            public Builder enabled(boolean on) {
                this.enabled = on;
                return this;
            }

            public ClientCapability build() {
                return new ClientCapability(this);
            }
        }
    }

    /** Maps a plan to its features; the name predates the Voice SDK. */
    static final class TwilioCapabilities {
        static boolean canRecord(FeatureSet features) {
            return features.has("record");
        }
    }

    private final Context context;
    private final DeviceRegistry registry;
    private Call activeCall;

    public CallLauncher(Context context, DeviceRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    public ClientCapability recordingFlag(FeatureSet features) {
        return new ClientCapability.Builder("record").enabled(TwilioCapabilities.canRecord(features)).build();
    }

    public void call(String accessToken, String to, Call.Listener listener) {
        registry.createDevice(android.os.Build.MODEL);
        ConnectOptions options = new ConnectOptions.Builder(accessToken)
                .params(java.util.Collections.singletonMap("To", to))
                .build();
        activeCall = Voice.connect(context, options, listener);
    }
}
