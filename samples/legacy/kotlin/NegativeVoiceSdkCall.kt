package com.example.dispatch.voice

import android.content.Context
import android.util.Log
import com.twilio.voice.Call
import com.twilio.voice.CallException
import com.twilio.voice.ConnectOptions
import com.twilio.voice.RegistrationException
import com.twilio.voice.RegistrationListener
import com.twilio.voice.Voice

/**
 * NEGATIVE SAMPLE: migrated handset on the Programmable Voice Android SDK 5.x, which
 * takes Access Tokens. Expected findings: none.
 * capmig-negative: client-android-device (Voice.connect / Voice.register, not Twilio.createDevice)
 */
class VoiceClient(private val context: Context) {

    private var call: Call? = null

    fun register(accessToken: String, fcmToken: String) {
        Voice.register(accessToken, Voice.RegistrationChannel.FCM, fcmToken, object : RegistrationListener {
            override fun onRegistered(accessToken: String, fcmToken: String) {
                Log.i(TAG, "registered for incoming calls")
            }

            override fun onError(error: RegistrationException, accessToken: String, fcmToken: String) {
                Log.e(TAG, "registration failed: ${error.message}")
            }
        })
    }

    fun dial(accessToken: String, number: String) {
        val options = ConnectOptions.Builder(accessToken)
            .params(mapOf("To" to number))
            .build()
        call = Voice.connect(context, options, listener)
    }

    private val listener = object : Call.Listener {
        override fun onRinging(call: Call) = Unit
        override fun onConnected(call: Call) {
            Log.i(TAG, "connected")
        }
        override fun onConnectFailure(call: Call, error: CallException) {
            Log.e(TAG, "connect failed: ${error.message}")
        }
        override fun onReconnecting(call: Call, error: CallException) = Unit
        override fun onReconnected(call: Call) = Unit
        override fun onDisconnected(call: Call, error: CallException?) {
            this@VoiceClient.call = null
        }
    }

    companion object {
        private const val TAG = "VoiceClient"
    }
}
