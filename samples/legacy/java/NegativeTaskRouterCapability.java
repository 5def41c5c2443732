package com.example.workers;

import java.util.ArrayList;
import java.util.List;

import com.twilio.http.HttpMethod;
import com.twilio.jwt.taskrouter.Policy;
import com.twilio.jwt.taskrouter.PolicyUtils;
import com.twilio.jwt.taskrouter.TaskRouterCapability;
import com.twilio.jwt.taskrouter.UrlUtils;

/**
 * NEGATIVE SAMPLE: TaskRouter worker capability (no Twilio Client scopes), plus a
 * "capability" word in unrelated code. Expected findings: none.
 */
public class NegativeTaskRouterCapability {

    /** Our own capability flags, unrelated to Twilio. */
    enum Capability { READ_QUEUE, TAKE_CALLS }

    public static String workerToken(String workerSid) {
        String accountSid = System.getenv("TWILIO_ACCOUNT_SID");
        String authToken = System.getenv("TWILIO_AUTH_TOKEN");
        String workspaceSid = System.getenv("TWILIO_WORKSPACE_SID");

        List<Policy> policies = new ArrayList<>(PolicyUtils.defaultWorkerPolicies(workspaceSid, workerSid));
        policies.add(new Policy.Builder()
                .url(UrlUtils.allActivities(workspaceSid))
                .method(HttpMethod.GET)
                .allowed(true)
                .build());

        TaskRouterCapability capability = new TaskRouterCapability.Builder(
                accountSid, authToken, workspaceSid, workerSid)
                .policies(policies)
                .ttl(28800)
                .build();
        return capability.toJwt();
    }

    public static boolean can(List<Capability> granted, Capability needed) {
        return granted.contains(needed);
    }
}
