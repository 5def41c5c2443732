package com.example.fieldphone;

import java.util.HashMap;
import java.util.Map;

import android.app.Activity;
import android.app.PendingIntent;
import android.content.Intent;
import android.os.Bundle;
import android.util.Log;
import android.widget.TextView;

import com.twilio.client.Connection;
import com.twilio.client.ConnectionListener;
import com.twilio.client.Device;
import com.twilio.client.DeviceListener;
import com.twilio.client.PresenceEvent;
import com.twilio.client.Twilio;

/** Twilio Client Android SDK 1.2 (capability tokens). */
public class SoftphoneActivity extends Activity implements DeviceListener, ConnectionListener {

    private static final String TAG = "Softphone";

    private Device device;
    private Connection connection;
    private TextView status;
    private final TokenApi tokenApi = new TokenApi("https://phone.example.com/token");

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_softphone);
        status = (TextView) findViewById(R.id.status);

        if (!Twilio.isInitialized()) {
            Twilio.initialize(getApplicationContext(), new Twilio.InitListener() {
                @Override
                public void onInitialized() { createDevice(); }

                @Override
                public void onError(Exception e) { Log.e(TAG, "Twilio SDK failed to initialize", e); }
            });
        }
    }

    private void createDevice() {
        tokenApi.fetch(new TokenApi.Callback() {
            @Override
            public void onToken(String capabilityToken) {
                device = Twilio.createDevice(capabilityToken, SoftphoneActivity.this); // capmig-expect: client-android-device capability-client
                device.setIncomingIntent(PendingIntent.getActivity(getApplicationContext(), 0,
                        new Intent(getApplicationContext(), SoftphoneActivity.class), PendingIntent.FLAG_UPDATE_CURRENT));
            }

            @Override
            public void onFailure(Exception e) { Log.e(TAG, "could not fetch capability token", e); }
        });
    }

    private void refreshToken() {
        tokenApi.fetch(new TokenApi.Callback() {
            @Override
            public void onToken(String capabilityToken) {
                if (device != null) {
                    device.updateCapabilityToken(capabilityToken); // capmig-expect: client-android-device capability-client
                }
            }

            @Override
            public void onFailure(Exception e) { Log.w(TAG, "token refresh failed", e); }
        });
    }

    public void call(String number) {
        Map<String, String> params = new HashMap<String, String>();
        params.put("To", number);
        connection = device.connect(params, this);
    }

    public void hangUp() {
        if (connection != null) {
            connection.disconnect();
        }
    }

    @Override
    public void onStartListening(Device device) { status.setText("Ready"); }
    @Override
    public void onStopListening(Device device) { status.setText("Offline"); }

    @Override
    public void onStopListening(Device device, int errorCode, String errorMessage) {
        Log.w(TAG, "stopped listening: " + errorCode + " " + errorMessage);
        if (errorCode == 31205) { // token expired
            refreshToken();
        }
    }

    @Override
    public boolean receivePresenceEvents(Device device) { return false; }
    @Override
    public void onPresenceChanged(Device device, PresenceEvent presenceEvent) { }

    @Override
    public void onConnecting(Connection connection) { status.setText("Calling..."); }
    @Override
    public void onConnected(Connection connection) { status.setText("Connected"); }

    @Override
    public void onDisconnected(Connection connection) { status.setText("Ready"); this.connection = null; }

    @Override
    public void onDisconnected(Connection connection, int errorCode, String errorMessage) {
        Log.w(TAG, "call dropped: " + errorMessage);
        this.connection = null;
    }
}
