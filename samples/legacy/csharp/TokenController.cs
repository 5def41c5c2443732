// Controllers/TokenController.cs -- ASP.NET MVC 5, Twilio.Client 3.6 (Twilio.Client.Capability.dll)
using System;
using System.Configuration;
using System.Web.Mvc;
using Twilio;

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
            var capability = new TwilioCapability(AccountSid, AuthToken); // capmig-expect: csharp-twilio-capability capability-mint identity=? incoming=true app=? params=agent,queue ttl=600
            capability.AllowClientIncoming(clientName);
            capability.AllowClientOutgoing(AppSid, new { agent = clientName, queue = queue });
            return capability.GenerateToken(600);
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
