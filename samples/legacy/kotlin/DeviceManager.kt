package com.example.dispatch.phone

import android.content.Context
import android.util.Log
import com.twilio.client.Connection
import com.twilio.client.ConnectionListener
import com.twilio.client.Device
import com.twilio.client.DeviceListener
import com.twilio.client.PresenceEvent
import com.twilio.client.Twilio

/**
 * Dispatcher handset (Twilio Client Android SDK 1.2.x, converted to Kotlin in 2018).
 * Tokens come from the dispatch API and live for 10 minutes.
 */
class DeviceManager(
    private val context: Context,
    private val tokens: TokenRepository,
) : DeviceListener, ConnectionListener {

    private var device: Device? = null
    private var activeCall: Connection? = null

    fun start() {
        Twilio.initialize(context, object : Twilio.InitListener {
            override fun onInitialized() {
                tokens.fetch { token ->
                    device = Twilio.createDevice(token, this@DeviceManager) // capmig-expect: client-android-device capability-client
                }
            }

            override fun onError(e: Exception) {
                Log.e(TAG, "Twilio init failed", e)
            }
        })
    }

    fun refresh() {
        tokens.fetch { token -> device?.updateCapabilityToken(token) } // capmig-expect: client-android-device capability-client
    }

    fun dial(number: String) {
        val dev = device ?: return
        activeCall = dev.connect(mapOf("To" to number), this)
    }

    fun hangUp() {
        activeCall?.disconnect()
        activeCall = null
    }

    override fun onStartListening(device: Device) {
        Log.i(TAG, "listening for incoming calls")
    }

    override fun onStopListening(device: Device) {
        Log.i(TAG, "stopped listening")
    }

    override fun onStopListening(device: Device, errorCode: Int, error: String?) {
        Log.w(TAG, "stopped listening: $errorCode $error")
        if (errorCode == TOKEN_EXPIRED) refresh()
    }

    override fun receivePresenceEvents(device: Device): Boolean = false

    override fun onPresenceChanged(device: Device, event: PresenceEvent) = Unit

    override fun onConnecting(connection: Connection) = Unit

    override fun onConnected(connection: Connection) {
        Log.i(TAG, "call connected")
    }

    override fun onDisconnected(connection: Connection) {
        activeCall = null
    }

    override fun onDisconnected(connection: Connection, errorCode: Int, error: String?) {
        Log.w(TAG, "call dropped: $errorCode $error")
        activeCall = null
    }

    companion object {
        private const val TAG = "DeviceManager"
        private const val TOKEN_EXPIRED = 31205
    }
}

fun interface TokenRepository {
    fun fetch(onToken: (String) -> Unit)
}
