package com.acme.pbx.twilio;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.twilio.sdk.client.TwilioCapability;

/**
 * Desk phone tokens for the PBX bridge. Written in 2013 against twilio-java-sdk 3.3.
 * FIXME: credentials should come from pbx.properties.
 */
public final class LegacyPhoneTokens {

    private static final Logger LOG = Logger.getLogger(LegacyPhoneTokens.class.getName());

    public static final String ACCOUNT_SID = "ACa87ff679a2f3e71d9181a67b7542122c";
    public static final String AUTH_TOKEN = "eccbc87e4b5ce2fe28308fd9f2a7baf3"; // capmig-expect: hardcoded-auth-token hardcoded-secret

    private LegacyPhoneTokens() {
    }

    /** Reception desk: receives calls for "reception" and watches the event stream. */
    public static String receptionToken() {
        TwilioCapability capability =
                new TwilioCapability(ACCOUNT_SID, AUTH_TOKEN); // capmig-expect: java-twilio-capability capability-mint identity=reception incoming=true ttl=3600
        capability.allowClientIncoming("reception");
        capability.allowEventStream(null);
        try {
            return capability.generateToken();
        } catch (TwilioCapability.DomainException e) {
            LOG.log(Level.SEVERE, "could not generate reception token", e);
            return null;
        }
    }

    /** Lobby courtesy phone: outbound only, straight to the operator app. */
    public static String lobbyToken() throws TwilioCapability.DomainException {
        TwilioCapability capability = new TwilioCapability("ACa87ff679a2f3e71d9181a67b7542122c", "c81e728d9d4c2f636f067f89cc14862c"); // capmig-expect: java-twilio-capability capability-mint identity=none incoming=false app=APe4da3b7fbbce2345d7772b0674a318d5 ttl=300; hardcoded-auth-token hardcoded-secret
        capability.allowClientOutgoing("APe4da3b7fbbce2345d7772b0674a318d5");
        return capability.generateToken(300L);
    }
}
