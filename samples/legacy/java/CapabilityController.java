package com.example.voice.web;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.google.common.collect.Lists;
import com.twilio.jwt.client.ClientCapability;
import com.twilio.jwt.client.IncomingClientScope;
import com.twilio.jwt.client.OutgoingClientScope;
import com.twilio.jwt.client.Scope;

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
        List<Scope> scopes = Lists.newArrayList(
                new IncomingClientScope(clientName),
                new OutgoingClientScope.Builder(appSid).clientName(clientName).build());

        ClientCapability capability = new ClientCapability.Builder(accountSid, authToken) // capmig-expect: java-client-capability capability-mint identity=? incoming=true app=? ttl=600
                .scopes(scopes)
                .ttl(600)
                .build();

        return capability.toJwt();
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
