// Services/SoftphoneTokenService.cs -- .NET Core 2.1 API, Twilio 5.20.
using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Twilio.Jwt;
using Twilio.Jwt.Client;

namespace Softphone.Api.Services
{
    public interface ISoftphoneTokenService
    {
        string TokenFor(string agentName);
    }

    public class SoftphoneTokenService : ISoftphoneTokenService
    {
        private const string StagingAppSid = "APaab3238922bcc25a6f606eb525ffdc56";
        private readonly ILogger<SoftphoneTokenService> _logger;

        public SoftphoneTokenService(ILogger<SoftphoneTokenService> logger)
        {
            _logger = logger;
        }

        public string TokenFor(string agentName)
        {
            var parameters = new Dictionary<string, string>
            {
                { "queue", "vip" },
                { "language", "fr" }
            };

            var capability = new ClientCapability( // capmig-expect: csharp-client-capability capability-mint identity=? incoming=true app=APaab3238922bcc25a6f606eb525ffdc56 params=queue,language ttl=1800
                "AC8f14e45fceea167a5a36dedd4bea2543",
                "9bf31c7ff062936a96d3c8bd1f8f2ff3", // capmig-expect: hardcoded-auth-token hardcoded-secret
                DateTime.UtcNow.AddMinutes(30),
                new HashSet<IScope>
                {
                    new IncomingClientScope(agentName),
                    new OutgoingClientScope(StagingAppSid, clientName: agentName, parameters: parameters)
                });

            _logger.LogInformation("issued staging capability token for {Agent}", agentName);
            return capability.ToJwt();
        }
    }
}
