package com.example.contactcenter.twilio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.twilio.jwt.Jwt;
import com.twilio.jwt.client.ClientCapability;
import com.twilio.jwt.client.EventStreamScope;
import com.twilio.jwt.client.IncomingClientScope;
import com.twilio.jwt.client.OutgoingClientScope;

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

        Jwt jwt = new ClientCapability.Builder(ACCOUNT_SID, "1679091c5a880faf6fb5e6087eb1b2dc".getBytes(StandardCharsets.UTF_8)) // capmig-expect: java-client-capability capability-mint identity=? incoming=true app=APc9f0f895fb98ab9159f51fd0297e236d params=skill,priority ttl=900; hardcoded-auth-token hardcoded-secret
                .scopes(Arrays.asList(
                        new IncomingClientScope(agent),
                        new OutgoingClientScope.Builder("APc9f0f895fb98ab9159f51fd0297e236d")
                                .clientName(agent)
                                .params(params)
                                .build(),
                        new EventStreamScope.Builder().build()))
                .ttl(900)
                .build();
        return jwt.toJwt();
    }

    public static void main(String[] args) {
        String agent = args.length > 0 ? args[0] : "agent_smith";
        System.out.println(new ClientCapabilityFactory().tokenFor(agent));
    }
}
