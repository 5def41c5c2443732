// NEGATIVE SAMPLE: a migrated ASP.NET service next to the app's own ClientCapability
// record (what a partner's API client may do) and TwilioCapabilityOptions settings. Expected
// findings: none.
//
// capmig-negative: csharp-client-capability (Contoso.Partners.ClientCapability, a record; the old call in a comment)
// capmig-negative: csharp-twilio-capability (TwilioCapabilityOptions, a settings class)
using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using Twilio.Jwt.AccessToken;

namespace Contoso.Partners
{
    public sealed record ClientCapability(string ClientId, string Endpoint, bool CanWrite);

    public sealed class TwilioCapabilityOptions
    {
        public string AccountSid { get; set; } = "";
        public string ApiKeySid { get; set; } = "";
        public string ApiKeySecret { get; set; } = "";
        public string TwimlAppSid { get; set; } = "";
        public int TokenLifetimeSeconds { get; set; } = 900;
    }

    public sealed class PartnerVoiceTokens
    {
        private readonly TwilioCapabilityOptions _options;

        public PartnerVoiceTokens(IOptions<TwilioCapabilityOptions> options)
        {
            _options = options.Value;
        }

        public ClientCapability Describe(string clientId)
        {
            return new ClientCapability(clientId, "/voice/token", CanWrite: false);
        }

        // Replaced `new ClientCapability(accountSid, authToken, scopes: scopes)` in 2021.
        public string TokenFor(string identity)
        {
            var grant = new VoiceGrant
            {
                IncomingAllow = true,
                OutgoingApplicationSid = _options.TwimlAppSid,
            };
            var token = new Token(
                _options.AccountSid,
                _options.ApiKeySid,
                _options.ApiKeySecret,
                identity,
                expiration: DateTime.UtcNow.AddSeconds(_options.TokenLifetimeSeconds),
                grants: new HashSet<IGrant> { grant });
            return token.ToJwt();
        }
    }
}
