' TwilioTokens.vb — a WebForms site's shared module (VB.NET, 2015, Twilio.Client 3.x). One
' private Function builds the capability from Web.config and returns it; the page methods
' below configure and sign what it returns. Keywords in the casing VB's editor writes.
Imports System.Configuration
Imports Twilio

Public Module TwilioTokens
    Private Function NewCapability() As TwilioCapability
        ' capmig-expect-next-line: csharp-twilio-capability capability-mint identity=? incoming=true ttl=600
        Return New TwilioCapability(ConfigurationManager.AppSettings("TwilioAccountSid"),
                                    ConfigurationManager.AppSettings("TwilioAuthToken"))
    End Function

    Public Function AgentToken(ByVal agent As String) As String
        Dim capability = NewCapability()
        capability.AllowClientIncoming(agent)
        Return capability.GenerateToken(600)
    End Function
End Module
