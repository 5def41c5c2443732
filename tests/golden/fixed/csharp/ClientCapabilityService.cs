// Services/SoftphoneTokenService.cs -- .NET Core 2.1 API, Twilio 5.20.
using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Twilio.Jwt;
using Twilio.Jwt.AccessToken;

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

            _logger.LogInformation("issued staging capability token for {Agent}", agentName);
            var voiceGrant = new VoiceGrant
            {
                IncomingAllow = true,
                OutgoingApplicationSid = StagingAppSid,
                OutgoingApplicationParams = parameters,
            };
            var accessToken = new Token(
                "AC8f14e45fceea167a5a36dedd4bea2543",
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SID"),
                Environment.GetEnvironmentVariable("TWILIO_API_KEY_SECRET"),
                identity: agentName,
                expiration: DateTime.UtcNow.AddSeconds(1800),
                grants: new HashSet<IGrant> { voiceGrant });
            return accessToken.ToJwt();
        }
    }
}
