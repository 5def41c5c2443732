// Domain/WarmTransferTokens.cs -- an ASP.NET MVC warm-transfer demo (Twilio 5.x). The credentials
// come from a static Config class of the project (Domain/AppConfig.cs, not in this file), whose
// properties read Web.config. AppConfig.ApiKeySid does not exist yet: `fix` must not write it
// into a patch that would not compile (api-key-source, with a draft).
using System.Collections.Generic;
using Twilio.Jwt;
using Twilio.Jwt.Client;

namespace WarmTransfer.Domain
{
    public static class WarmTransferTokens
    {
        public static string Generate(string agentId)
        {
            var scopes = new HashSet<IScope> { new IncomingClientScope(agentId) };
            var capability = new ClientCapability(AppConfig.AccountSid, AppConfig.AuthToken, scopes: scopes); // capmig-expect: csharp-client-capability capability-mint identity=? incoming=true ttl=3600
            return capability.ToJwt();
        }
    }
}
