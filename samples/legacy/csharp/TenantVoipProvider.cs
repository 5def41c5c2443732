// Voip/TenantVoipProvider.cs -- a hosted help-desk suite (.NET Framework 4.6, Twilio 5.x). One
// provider per tenant: the repository builds it with that portal's own Twilio account, read from
// the tenant's settings, and the provider keeps it in readonly fields. A capability minted here
// is signed with the tenant's auth token, so one global API key cannot replace it: `fix` must ask
// (api-key-source), never write Environment.GetEnvironmentVariable("TWILIO_API_KEY_SID").
using System.Collections.Generic;
using Twilio.Jwt;
using Twilio.Jwt.Client;

namespace HelpDesk.Voip
{
    public class TenantVoipProvider
    {
        private readonly string accountSid;
        private readonly string authToken;

        public TenantVoipProvider(string accountSid, string authToken)
        {
            this.accountSid = accountSid;
            this.authToken = authToken;
        }

        public string GetClientToken(string agentId)
        {
            var scopes = new HashSet<IScope> { new IncomingClientScope(agentId) };
            var capability = new ClientCapability(accountSid, authToken, scopes: scopes); // capmig-expect: csharp-client-capability capability-mint identity=? incoming=true ttl=3600
            return capability.ToJwt();
        }
    }
}
