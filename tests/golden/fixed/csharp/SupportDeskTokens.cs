// Support desk tokens, Twilio 5.x NuGet. The expiration is passed as a positional null, which
// the library reads as "no expiration given": its default lifetime of one hour applies.
using System.Collections.Generic;
using Twilio.Jwt;
using System;
using Twilio.Jwt.AccessToken;

namespace SupportDesk
{
    public class SupportDeskTokens
    {
        private readonly string _accountSid = System.Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID");
        private readonly string _authToken = System.Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN");

        public string For(string agent)
        {
            var voiceGrant = new VoiceGrant
            {
                IncomingAllow = true,
            };
            var accessToken = new Token(
                _accountSid,
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SID"),
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SECRET"),
                identity: agent,
                expiration: DateTime.UtcNow.AddSeconds(3600),
                grants: new HashSet<IGrant> { voiceGrant });
            return accessToken.ToJwt();
        }
    }
}
