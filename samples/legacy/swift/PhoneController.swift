//
//  PhoneController.swift
//  FieldTech
//
//  Swift 3 wrapper around the Twilio Client iOS SDK (TwilioSDK pod, TCDevice).
//  Still capability tokens: the SDK cannot use Access Tokens.
//

import Foundation
import UIKit

final class PhoneController: NSObject, TCDeviceDelegate, TCConnectionDelegate {

    private var device: TCDevice?
    private var connection: TCConnection?
    private let tokenURL = URL(string: "https://fieldtech.example.com/api/phone/token")!

    var onStatus: ((String) -> Void)?

    func start() {
        fetchToken { [weak self] token in
            guard let strongSelf = self, let token = token else { return }
            strongSelf.device = TCDevice(capabilityToken: token, delegate: strongSelf) // capmig-expect: client-ios-tcdevice capability-client
        }
    }

    func refresh() {
        fetchToken { [weak self] token in
            guard let token = token else { return }
            self?.device?.updateCapabilityToken(token) // capmig-expect: client-ios-tcdevice capability-client
        }
    }

    func call(_ number: String) {
        connection = device?.connect(["To": number], delegate: self)
    }

    func hangUp() {
        connection?.disconnect()
    }

    private func fetchToken(_ completion: @escaping (String?) -> Void) {
        let task = URLSession.shared.dataTask(with: tokenURL) { data, _, error in
            var token: String?
            if let data = data, error == nil {
                token = String(data: data, encoding: .utf8)
            }
            DispatchQueue.main.async { completion(token) }
        }
        task.resume()
    }

    // MARK: - TCDeviceDelegate

    func deviceDidStartListening(forIncomingConnections device: TCDevice) {
        onStatus?("Ready")
    }

    func device(_ device: TCDevice, didStopListeningForIncomingConnections error: Error?) {
        onStatus?("Offline")
        if let error = error as NSError?, error.code == 31205 {
            refresh()
        }
    }

    func device(_ device: TCDevice, didReceiveIncomingConnection connection: TCConnection) {
        self.connection = connection
        connection.accept()
    }

    // MARK: - TCConnectionDelegate

    func connectionDidConnect(_ connection: TCConnection) {
        onStatus?("On call")
    }

    func connectionDidDisconnect(_ connection: TCConnection) {
        self.connection = nil
        onStatus?("Ready")
    }

    func connection(_ connection: TCConnection, didFailWithError error: Error?) {
        onStatus?("Call failed")
    }
}
