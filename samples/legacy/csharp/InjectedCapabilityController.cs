// ASP.NET Core 2.1 on Twilio.Client 3.x (2018): Startup registers the TwilioCapability with the
// account's credentials (services.AddTransient(_ => new TwilioCapability(sid, token)), not in
// this file), and the controller receives it through its constructor, storing it in an
// underscore field. The action adds the scopes and signs: the construct starts at the parameter.
// A view model that only carries a TwilioCapability around is not a construct.
using Microsoft.AspNetCore.Mvc;
using Twilio;

namespace Helpdesk.Controllers
{
    public class PhoneController : Controller
    {
        private readonly TwilioCapability _capability;

        public PhoneController(TwilioCapability capability) // capmig-expect: csharp-twilio-capability capability-mint identity=? incoming=true app=? ttl=600
        {
            _capability = capability;
        }

        [HttpGet("phone/token")]
        public IActionResult Token(string agent)
        {
            _capability.AllowClientIncoming(agent);
            _capability.AllowClientOutgoing(Startup.PhoneAppSid);
            return Json(new { token = _capability.GenerateToken(600) });
        }
    }

    public class PhoneViewModel
    {
        public PhoneViewModel(TwilioCapability capability, string agent)
        {
            Capability = capability;
            Agent = agent;
        }

        public TwilioCapability Capability { get; }
        public string Agent { get; }
    }
}
