package com.example.dispatch.voice;

import com.twilio.jwt.client.ClientCapability;
import com.twilio.jwt.client.IncomingClientScope;
import com.twilio.jwt.client.OutgoingClientScope;
import com.twilio.jwt.client.Scope;

import java.util.Arrays;
import java.util.List;

/**
 * One builder per process, made in the constructor; each request adds its dispatcher's
 * scopes through the field, named without {@code this.} as Java allows.
 */
public class VoiceTokenProvider {
    private final ClientCapability.Builder capabilityBuilder;
    private final String applicationSid;

    public VoiceTokenProvider(String accountSid, String authToken, String applicationSid) {
        this.applicationSid = applicationSid;
        this.capabilityBuilder = new ClientCapability.Builder(accountSid, authToken).ttl(1800); // capmig-expect: java-client-capability capability-mint identity=? incoming=true app=? ttl=1800
    }

    public String tokenFor(String dispatcher) {
        List<Scope> scopes = Arrays.asList(
                new IncomingClientScope(dispatcher),
                new OutgoingClientScope.Builder(applicationSid).clientName(dispatcher).build());
        return capabilityBuilder.scopes(scopes).build().toJwt();
    }
}
