;; capmig-negative: client-twiliojs-setup-clojurescript the Voice SDK 2.x device, and the old call only named in a string
(ns dialer.voice
  (:require ["@twilio/voice-sdk" :refer [Device]]))

(def migration-note "replaced js/Twilio.Device.setup with Device. and register")

(defn start! [token]
  (let [device (Device. token #js {:closeProtection true})]
    (.on device "tokenWillExpire" #(.updateToken device (fetch-token!)))
    (.register device)
    device))
