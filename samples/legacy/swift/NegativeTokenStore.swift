//
//  TokenStore.swift
//  Dispatch
//
//  NEGATIVE SAMPLE: the app keeps a "capabilityToken" property name from the TCDevice days,
//  but hands an Access Token to the Voice SDK. Expected findings: none.
//
//  capmig-negative: client-ios-tcdevice (a capabilityToken property, refreshCapabilityToken,
//  and TCDevice(capabilityToken:) only in a comment)
//
import Foundation
import TwilioVoice

final class TokenStore {
    // Until 2019: device = TCDevice(capabilityToken: token, delegate: self)
    private(set) var capabilityToken: String?
    private var expiresAt = Date.distantPast

    var isFresh: Bool { capabilityToken != nil && expiresAt > Date() }

    func refreshCapabilityToken(completion: @escaping (String?) -> Void) {
        let url = URL(string: "https://dispatch.example.com/voice/token")!
        URLSession.shared.dataTask(with: url) { data, _, _ in
            let token = data.flatMap { String(data: $0, encoding: .utf8) }
            DispatchQueue.main.async {
                self.capabilityToken = token
                self.expiresAt = Date().addingTimeInterval(600)
                completion(token)
            }
        }.resume()
    }

    func register(deviceToken: Data) {
        refreshCapabilityToken { token in
            guard let accessToken = token else { return }
            TwilioVoiceSDK.register(accessToken: accessToken, deviceToken: deviceToken) { error in
                if let error = error { NSLog("register failed: \(error.localizedDescription)") }
            }
        }
    }
}
