// NEGATIVE SAMPLE: TaskRouter worker capability, plus "capability" in unrelated code
// and in comments. Expected findings: none.
//
// Replaced in 2019:
//   var capability = new TwilioCapability(accountSid, authToken);
//   capability.AllowClientIncoming("jenny");
using System;
using System.Collections.Generic;
using Twilio.Http;
using Twilio.Jwt.Taskrouter;

namespace Workforce
{
    public static class WorkerTokens
    {
        // Placeholders from the docs, never used at runtime.
        public const string ExampleAccountSid = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
        public const string ExampleAuthToken = "your_auth_token";

        public static string ForWorker(string workerSid)
        {
            var workspaceSid = Environment.GetEnvironmentVariable("TWILIO_WORKSPACE_SID");
            var activityUrl = $"https://taskrouter.twilio.com/v1/Workspaces/{workspaceSid}/Activities";
            var policies = new List<Policy>
            {
                new Policy(activityUrl, HttpMethod.Get),
                new Policy($"https://taskrouter.twilio.com/v1/Workspaces/{workspaceSid}/Tasks/**", HttpMethod.Get)
            };

            var capability = new TaskRouterCapability(
                Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID"),
                Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN"),
                workspaceSid,
                workerSid,
                policies: policies);
            return capability.ToJwt();
        }
    }

    public enum Capability
    {
        ReadQueues,
        TakeCalls
    }
}
