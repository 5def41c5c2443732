// token_handler.go — a Go softphone backend (2016) on a community capability package
// imported as `twilio`. One handler builds the capability step by step, grants incoming
// calls only when the browser names its client, and keeps the default one-hour ttl; the
// other chains the calls and sets the ttl as a time.Duration.
package main

import (
	"encoding/json"
	"net/http"
	"os"
	"time"

	twilio "github.com/example/twilio-capability-go"
)

func tokenHandler(w http.ResponseWriter, r *http.Request) {
	clientName := r.URL.Query().Get("client")
	// capmig-expect-next-line: go-capability capability-mint identity=? incoming=true app=? ttl=3600
	capability := twilio.NewCapability(os.Getenv("TWILIO_ACCOUNT_SID"), os.Getenv("TWILIO_AUTH_TOKEN"))
	capability.AllowClientOutgoing(os.Getenv("TWILIO_APP_SID"), nil)
	if clientName != "" {
		capability.AllowClientIncoming(clientName)
	}
	jwt, err := capability.ToJWT()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"token": string(jwt)})
}

func kioskHandler(w http.ResponseWriter, r *http.Request) {
	// capmig-expect-next-line: go-capability capability-mint identity=kiosk incoming=true app=AP11112222333344445555666677778888 ttl=1800
	token, err := twilio.NewCapability(os.Getenv("TWILIO_ACCOUNT_SID"), os.Getenv("TWILIO_AUTH_TOKEN")).
		AllowClientIncoming("kiosk").
		AllowClientOutgoing("AP11112222333344445555666677778888", map[string]string{"lobby": "north"}).
		SetTTL(30 * time.Minute).
		ToJWT()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(token)
}
