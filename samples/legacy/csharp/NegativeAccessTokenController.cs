// NEGATIVE SAMPLE: migrated ASP.NET Core controller, Access Token + VoiceGrant (Twilio 6.x).
// Expected findings: none.
using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Twilio.Jwt.AccessToken;

namespace Softphone.Api.Controllers
{
    [ApiController]
    [Route("api/voice")]
    public class VoiceTokenController : ControllerBase
    {
        public static string TokenFor(string identity)
        {
            var grant = new VoiceGrant
            {
                IncomingAllow = true,
                OutgoingApplicationSid = Environment.GetEnvironmentVariable("TWILIO_TWIML_APP_SID"),
                OutgoingApplicationParams = new Dictionary<string, string> { { "plan", "standard" } }
            };

            var token = new Token(
                Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID"),
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SID"),
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SECRET"),
                identity: identity,
                expiration: DateTime.UtcNow.AddSeconds(600),
                grants: new HashSet<IGrant> { grant });

            return token.ToJwt();
        }

        [Authorize]
        [HttpGet("token")]
        public IActionResult Get()
        {
            return Ok(new { token = TokenFor(User.Identity.Name) });
        }
    }
}
