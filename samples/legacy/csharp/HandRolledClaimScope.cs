// A volunteer hotline (2017) that signs its capability token with System.IdentityModel.Tokens.Jwt
// instead of the Twilio library: the scope goes in as a plain claim. Volunteers are known to the
// phone system under a prefixed name; coordinators get the outgoing grant as well.
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Hotline.Phones
{
    public class VolunteerPhoneTokens
    {
        private readonly string _accountSid = Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID");
        private readonly string _authToken = Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN");
        private readonly string _dialAppSid = Environment.GetEnvironmentVariable("HOTLINE_TWIML_APP");

        public string ForVolunteer(int volunteerId)
        {
            var scope = new Claim("scope", $"scope:client:incoming?clientName=volunteer_{volunteerId}"); // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true
            return Sign(scope, TimeSpan.FromHours(4));
        }

        public string ForCoordinator(string login)
        {
            var text = string.Format("scope:client:incoming?clientName={0} scope:client:outgoing?appSid={1}&clientName={0}", login, _dialAppSid); // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?
            return Sign(new Claim("scope", text), TimeSpan.FromHours(1));
        }

        private string Sign(Claim scope, TimeSpan lifetime)
        {
            var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_authToken));
            var token = new JwtSecurityToken(
                issuer: _accountSid,
                claims: new[] { scope },
                expires: DateTime.UtcNow.Add(lifetime),
                signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
            return new JwtSecurityTokenHandler().WriteToken(token);
        }
    }
}
