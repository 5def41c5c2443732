(ns dialer.twilio
  "Browser dialer on twilio.js 1.x: waits for the script tag to load window.Twilio, then
  sets the device up with the capability token the server rendered."
  (:require [cljs.core.async :refer [<! timeout] :refer-macros [go-loop]]
            [dialer.state :as state]))

(defn on-connection [conn]
  (state/set-connection! conn))

(defn start! [token debug?]
  (go-loop []
    (if (aget js/window "Twilio")
      (do
        (state/set-device! (js/Twilio.Device.setup token #js {"debug" debug? "closeProtection" true})) ; capmig-expect: client-twiliojs-setup-clojurescript capability-client
        (js/Twilio.Device.incoming on-connection)
        (js/Twilio.Device.disconnect on-connection))
      (do (<! (timeout 100))
          (recur)))))

(defn refresh! [token]
  (js/Twilio.Device.setup token)) ; capmig-expect: client-twiliojs-setup-clojurescript capability-client
