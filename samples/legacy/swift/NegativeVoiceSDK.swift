//
//  VoiceCallManager.swift
//  FieldTech
//
//  NEGATIVE SAMPLE: migrated to the Twilio Voice iOS SDK 6.x, which takes Access Tokens.
//  Expected findings: none.
//  capmig-negative: client-ios-tcdevice (TwilioVoiceSDK, not TCDevice)
//

import Foundation
import PushKit
import TwilioVoice

final class VoiceCallManager: NSObject {

    private var activeCall: Call?
    var accessToken: String = ""

    func register(deviceToken: Data) {
        TwilioVoiceSDK.register(accessToken: accessToken, deviceToken: deviceToken) { error in
            if let error = error {
                NSLog("registration failed: \(error.localizedDescription)")
            }
        }
    }

    func call(_ number: String) {
        let options = ConnectOptions(accessToken: accessToken) { builder in
            builder.params = ["To": number]
        }
        activeCall = TwilioVoiceSDK.connect(options: options, delegate: self)
    }

    func hangUp() {
        activeCall?.disconnect()
    }
}

extension VoiceCallManager: CallDelegate {
    func callDidConnect(call: Call) {
        NSLog("connected")
    }

    func callDidFailToConnect(call: Call, error: Error) {
        NSLog("failed: \(error.localizedDescription)")
        activeCall = nil
    }

    func callDidDisconnect(call: Call, error: Error?) {
        activeCall = nil
    }
}
