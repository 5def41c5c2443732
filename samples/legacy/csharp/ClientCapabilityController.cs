// Controllers/CapabilityController.cs -- ASP.NET MVC 5 on Twilio 5.x (Twilio.Jwt.ClientCapability)
using System;
using System.Collections.Generic;
using System.Web.Mvc;
using Twilio.Jwt;
using Twilio.Jwt.Client;

namespace CallCenter.Controllers
{
    public class CapabilityController : Controller
    {
        public static string TokenFor(string agent)
        {
            var accountSid = Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID");
            var authToken = Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN");
            var appSid = Environment.GetEnvironmentVariable("TWILIO_TWIML_APP_SID");

            var scopes = new HashSet<IScope>
            {
                new IncomingClientScope(agent),
                new OutgoingClientScope(appSid),
                new EventStreamScope()
            };

            var capability = new ClientCapability(accountSid, authToken, expiration: DateTime.UtcNow.AddSeconds(900), scopes: scopes); // capmig-expect: csharp-client-capability capability-mint identity=? incoming=true app=? ttl=900
            return capability.ToJwt();
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
