package com.example.softphone;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.twilio.sdk.client.TwilioCapability;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;
import java.nio.charset.StandardCharsets;

/**
 * GET /token?client=NAME -- twilio-java-sdk 3.4 (com.twilio.sdk:twilio-java-sdk), Tomcat 7.
 */
public class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String ACCOUNT_SID = System.getenv("TWILIO_ACCOUNT_SID");
    private static final String AUTH_TOKEN = System.getenv("TWILIO_AUTH_TOKEN");
    private static final String APP_SID = System.getenv("TWILIO_APP_SID");

    static String tokenFor(String clientName) throws TwilioCapability.DomainException {
        Map<String, String> params = new HashMap<String, String>();
        params.put("queue", "support");
        params.put("locale", "en-US");


        VoiceGrant voiceGrant = new VoiceGrant();
        voiceGrant.setIncomingAllow(true);
        voiceGrant.setOutgoingApplication(APP_SID, new java.util.HashMap<String, Object>(params));
        AccessToken accessToken = new AccessToken.Builder(
                ACCOUNT_SID,
                System.getenv("TWILIO_API_KEY_SID"),
                System.getenv("TWILIO_API_KEY_SECRET").getBytes(StandardCharsets.UTF_8)) // a String before twilio-java 10.8.0
            .identity(clientName)
            .ttl(600)
            .grant(voiceGrant)
            .build();
        return accessToken.toJwt();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String clientName = request.getParameter("client");
        if (clientName == null || !clientName.matches("\\w+")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "client must be alphanumeric");
            return;
        }

        try {
            String token = tokenFor(clientName);
            response.setContentType("application/jwt");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().print(token);
        } catch (TwilioCapability.DomainException e) {
            log("capability token failed", e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }
}
