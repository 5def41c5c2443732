package com.example.contactcenter.twilio;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;

/**
 * Contact-center agent tokens. twilio 10.9 (authToken became byte[] in 10.8.0).
 * The literal below was meant for the staging account only.
 */
public class ClientCapabilityFactory {

    private static final String ACCOUNT_SID = "AC1f0e3dad99908345f7439f8ffabdffc4";

    public String tokenFor(String agent) {
        Map<String, String> params = new HashMap<>();
        params.put("skill", "billing");
        params.put("priority", "high");

        // capmig event-stream-unsupported: scope:stream:subscribe has no Access Token grant and is dropped.
        VoiceGrant voiceGrant = new VoiceGrant();
        voiceGrant.setIncomingAllow(true);
        voiceGrant.setOutgoingApplication("APc9f0f895fb98ab9159f51fd0297e236d", new java.util.HashMap<String, Object>(params));
        AccessToken accessToken = new AccessToken.Builder(
                ACCOUNT_SID,
                System.getenv("TWILIO_API_KEY_SID"),
                System.getenv("TWILIO_API_KEY_SECRET").getBytes(StandardCharsets.UTF_8)) // a String before twilio-java 10.8.0
            .identity(agent)
            .ttl(900)
            .grant(voiceGrant)
            .build();
        return accessToken.toJwt();
    }

    public static void main(String[] args) {
        String agent = args.length > 0 ? args[0] : "agent_smith";
        System.out.println(new ClientCapabilityFactory().tokenFor(agent));
    }
}
