package com.example.voice.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;
import java.nio.charset.StandardCharsets;

/** Spring Boot 1.5, com.twilio.sdk:twilio 7.x. */
@RestController
public class CapabilityController {

    @Value("${twilio.account-sid}")
    private String accountSid;

    @Value("${twilio.auth-token}")
    private String authToken;

    @Value("${twilio.twiml-app-sid}")
    private String appSid;

    public String tokenFor(String clientName) {
        VoiceGrant voiceGrant = new VoiceGrant();
        voiceGrant.setIncomingAllow(true);
        voiceGrant.setOutgoingApplicationSid(appSid);
        AccessToken accessToken = new AccessToken.Builder(
                accountSid,
                System.getenv("TWILIO_API_KEY_SID"),
                System.getenv("TWILIO_API_KEY_SECRET").getBytes(StandardCharsets.UTF_8)) // a String before twilio-java 10.8.0
            .identity(clientName)
            .ttl(600)
            .grant(voiceGrant)
            .build();
        return accessToken.toJwt();
    }

    @GetMapping(path = "/api/voice/token", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> token(@AuthenticationPrincipal UserDetails user) {
        if (user == null) {
            return ResponseEntity.status(401).build();
        }
        String clientName = user.getUsername().replaceAll("[^A-Za-z0-9_]", "_");
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .body(tokenFor(clientName));
    }
}
