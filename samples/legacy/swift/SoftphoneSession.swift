//
//  SoftphoneSession.swift
//  Dispatch
//
//  Swift 4 on the Twilio Client iOS SDK 1.x (TCDevice): explicit `.init(capabilityToken:delegate:)`.
//

import Foundation

final class SoftphoneSession: NSObject, TCDeviceDelegate {
    private var device: TCDevice?

    func connect(with token: String) {
        device = TCDevice.init(capabilityToken: token, delegate: self) // capmig-expect: client-ios-tcdevice capability-client
    }

    // Our own hook, named after the SDK's: a definition, not a call into the SDK.
    func updateCapabilityToken(_ token: String) {
        device?.updateCapabilityToken(token) // capmig-expect: client-ios-tcdevice capability-client
    }

    func deviceDidStartListening(forIncomingConnections device: TCDevice) {}
}
