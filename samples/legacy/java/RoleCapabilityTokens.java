package com.example.browsercalls.tokens;

import com.twilio.sdk.CapabilityToken.DomainException;
import com.twilio.sdk.client.TwilioCapability;

/**
 * Browser-calls tutorial style (twilio-java 6.x, 2016): the capability lives in a field set by
 * either constructor, built from the environment in one and handed in (tests, a container) in
 * the other; generate() adds the role's scopes to whichever it holds. Both constructions are
 * constructs, and both get the scopes that generate() adds.
 * capmig-negative: java-client-capability twilio-java 6.x only
 */
public class RoleCapabilityTokens {
    private final String role;
    private TwilioCapability capability;

    public RoleCapabilityTokens(String role) {
        this.role = role;
        this.capability = new TwilioCapability(System.getenv("TWILIO_ACCOUNT_SID"), System.getenv("TWILIO_AUTH_TOKEN")); // capmig-expect: java-twilio-capability capability-mint identity=? incoming=true app=? ttl=3600
    }

    public RoleCapabilityTokens(String role, TwilioCapability capability) { // capmig-expect: java-twilio-capability capability-mint identity=? incoming=true app=? ttl=3600
        this.role = role;
        this.capability = capability;
    }

    public String generate() throws DomainException {
        capability.allowClientIncoming(role);
        capability.allowClientOutgoing(System.getenv("TWILIO_APPLICATION_SID"));
        return capability.generateToken();
    }
}
