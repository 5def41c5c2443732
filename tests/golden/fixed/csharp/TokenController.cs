// Controllers/TokenController.cs -- ASP.NET MVC 5, Twilio.Client 3.6 (Twilio.Client.Capability.dll)
using System;
using System.Configuration;
using System.Web.Mvc;
using Twilio;
using System.Collections.Generic;
using Twilio.Jwt.AccessToken;

namespace Helpdesk.Web.Controllers
{
    [Authorize]
    public class TokenController : Controller
    {
        private static readonly string AccountSid = ConfigurationManager.AppSettings["TwilioAccountSid"];
        private static readonly string AuthToken = ConfigurationManager.AppSettings["TwilioAuthToken"];
        private static readonly string AppSid = ConfigurationManager.AppSettings["TwilioAppSid"];

        public static string TokenFor(string clientName, string queue)
        {
            var voiceGrant = new VoiceGrant
            {
                IncomingAllow = true,
                OutgoingApplicationSid = AppSid,
                OutgoingApplicationParams = new Dictionary<string, string> { { "agent", clientName }, { "queue", queue } },
            };
            var accessToken = new Token(
                AccountSid,
                ConfigurationManager.AppSettings["TwilioApiKeySid"],
                ConfigurationManager.AppSettings["TwilioApiKeySecret"],
                identity: clientName,
                expiration: DateTime.UtcNow.AddSeconds(600),
                grants: new HashSet<IGrant> { voiceGrant });
            return accessToken.ToJwt();
        }

        // GET: /Token
        public ActionResult Index(string queue = "general")
        {
            var clientName = User.Identity.Name.Replace("@", "_").Replace(".", "_");
            try
            {
                return Content(TokenFor(clientName, queue), "application/jwt");
            }
            catch (ArgumentException ex)
            {
                return new HttpStatusCodeResult(400, ex.Message);
            }
        }
    }
}
