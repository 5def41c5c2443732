// Support desk tokens, Twilio 5.x NuGet. The expiration is passed as a positional null, which
// the library reads as "no expiration given": its default lifetime of one hour applies.
using System.Collections.Generic;
using Twilio.Jwt;
using Twilio.Jwt.Client;

namespace SupportDesk
{
    public class SupportDeskTokens
    {
        private readonly string _accountSid = System.Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID");
        private readonly string _authToken = System.Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN");

        public string For(string agent)
        {
            var scopes = new HashSet<IScope> { new IncomingClientScope(agent) };
            var capability = new ClientCapability(_accountSid, _authToken, null, scopes); // capmig-expect: csharp-client-capability capability-mint identity=? incoming=true ttl=3600
            return capability.ToJwt();
        }
    }
}
