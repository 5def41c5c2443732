// DeskPhone/CapabilityFactory.cs -- WinForms desk-phone launcher, Twilio.Client 3.4 (2013).
using System;
using System.Diagnostics;
using Twilio;
using System.Collections.Generic;
using Twilio.Jwt.AccessToken;

namespace DeskPhone
{
    internal static class CapabilityFactory
    {
        // TODO: move to app.config before shipping to the branch offices.
        private const string AccountSid = "AC45c48cce2e2d7fbdea1afc51c7c6ad26";
        private const string AuthToken = "6512bd43d9caa6e02c990b0a82652dca"; // capmig-expect: hardcoded-auth-token hardcoded-secret

        public static string ReceptionToken()
        {
            var voiceGrant = new VoiceGrant
            {
                IncomingAllow = true,
                OutgoingApplicationSid = "AP9bf31c7ff062936a96d3c8bd1f8f2ff3",
            };
            var accessToken = new Token(
                AccountSid,
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SID"),
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SECRET"),
                identity: "reception",
                expiration: DateTime.UtcNow.AddSeconds(3600),
                grants: new HashSet<IGrant> { voiceGrant });
            var token = accessToken.ToJwt();
            Debug.WriteLine("reception token issued at " + DateTime.Now);
            return token;
        }

        public static string LoadingDockToken()
        {
            // The loading dock only dials the operator; no incoming calls.
            var capability = new TwilioCapability("AC45c48cce2e2d7fbdea1afc51c7c6ad26", "c20ad4d76fe97759aa27a0c99bff6710"); // capmig-expect: csharp-twilio-capability capability-mint identity=none incoming=false app=AP9bf31c7ff062936a96d3c8bd1f8f2ff3 params=dock ttl=28800; hardcoded-auth-token hardcoded-secret
            capability.AllowClientOutgoing("AP9bf31c7ff062936a96d3c8bd1f8f2ff3", new { dock = "B" });
            return capability.GenerateToken(28800);
        }
    }
}
