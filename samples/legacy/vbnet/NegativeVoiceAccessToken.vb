' NegativeVoiceAccessToken.vb — the same controller after the migration: an Access Token with
' a VoiceGrant, signed with an API key. The old code survives only in comments and a string.
' capmig-negative: csharp-twilio-capability migrated; the old API only in comments
' capmig-negative: csharp-client-capability migrated to Token + VoiceGrant
Imports System.Collections.Generic
Imports Twilio.Jwt.AccessToken

Public Class VoiceTokenController
    Inherits System.Web.Mvc.Controller

    ' Was: Dim capability As New TwilioCapability(sid, token)
    ' REM capability.AllowClientIncoming(User.Identity.Name)
    Function Token() As System.Web.Mvc.ActionResult
        Dim grant As New VoiceGrant()
        grant.IncomingAllow = True
        grant.OutgoingApplicationSid = System.Configuration.ConfigurationManager.AppSettings("TwilioAppSid")
        Dim grants = New HashSet(Of IGrant) From {grant}
        Dim note = "New TwilioCapability(sid, token) is gone"
        Dim accessToken = New Token(System.Configuration.ConfigurationManager.AppSettings("TwilioAccountSid"),
                                    System.Configuration.ConfigurationManager.AppSettings("TwilioApiKey"),
                                    System.Configuration.ConfigurationManager.AppSettings("TwilioApiSecret"),
                                    User.Identity.Name, grants:=grants)
        Return Json(New With {.token = accessToken.ToJwt(), .note = note})
    End Function
End Class
