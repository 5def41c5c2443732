package com.example.softphone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;

/**
 * NEGATIVE SAMPLE: migrated servlet (Access Token + VoiceGrant, twilio 10.x).
 * Expected findings: none.
 */
public class NegativeAccessTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 2L;

    static String tokenFor(String identity) {
        Map<String, Object> params = new HashMap<>();
        params.put("plan", "standard");

        VoiceGrant grant = new VoiceGrant()
                .setIncomingAllow(true)
                .setOutgoingApplication(System.getenv("TWILIO_TWIML_APP_SID"), params);

        AccessToken token = new AccessToken.Builder(
                System.getenv("TWILIO_ACCOUNT_SID"),
                System.getenv("TWILIO_API_KEY_SID"),
                System.getenv("TWILIO_API_KEY_SECRET").getBytes(StandardCharsets.UTF_8))
                .identity(identity)
                .ttl(600)
                .grant(grant)
                .build();
        return token.toJwt();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String identity = request.getRemoteUser();
        if (identity == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setContentType("application/jwt");
        response.getWriter().print(tokenFor(identity));
    }
}
