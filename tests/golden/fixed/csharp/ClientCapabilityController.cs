// Controllers/CapabilityController.cs -- ASP.NET MVC 5 on Twilio 5.x (Twilio.Jwt.ClientCapability)
using System;
using System.Collections.Generic;
using System.Web.Mvc;
using Twilio.Jwt;
using Twilio.Jwt.AccessToken;

namespace CallCenter.Controllers
{
    public class CapabilityController : Controller
    {
        public static string TokenFor(string agent)
        {
            var accountSid = Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID");
            var authToken = Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN");
            var appSid = Environment.GetEnvironmentVariable("TWILIO_TWIML_APP_SID");

            // capmig event-stream-unsupported: scope:stream:subscribe has no Access Token grant and is dropped.
            var voiceGrant = new VoiceGrant
            {
                IncomingAllow = true,
                OutgoingApplicationSid = appSid,
            };
            var accessToken = new Twilio.Jwt.AccessToken.Token(
                accountSid,
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SID"),
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SECRET"),
                identity: agent,
                expiration: DateTime.UtcNow.AddSeconds(900),
                grants: new HashSet<IGrant> { voiceGrant });
            return accessToken.ToJwt();
        }

        // GET: /Capability/Token
        [Authorize]
        public ActionResult Token()
        {
            var agent = User.Identity.Name;
            if (string.IsNullOrWhiteSpace(agent))
            {
                return new HttpUnauthorizedResult();
            }

            return Content(TokenFor(agent), "application/jwt");
        }
    }
}
