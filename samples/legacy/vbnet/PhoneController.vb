' PhoneController.vb — ASP.NET MVC 5 in Visual Basic (2016), Twilio.Client 3.x. The action
' declares the capability with "As New", takes the credentials from Web.config, continues the
' constructor call over two lines, and signs for a ttl kept in a constant. The helper below
' only passes a TwilioCapability it is given to a logger: not a construct of its own.
Imports System.Configuration
Imports System.Web.Mvc
Imports Twilio

Public Class PhoneController
    Inherits Controller

    Private Const TokenSeconds As Integer = 900

    Function Token() As ActionResult
        ' capmig-expect-next-line: csharp-twilio-capability capability-mint identity=? incoming=true app=? ttl=900
        Dim capability As New TwilioCapability(ConfigurationManager.AppSettings("TwilioAccountSid"), _
                                               ConfigurationManager.AppSettings("TwilioAuthToken"))
        capability.AllowClientOutgoing(ConfigurationManager.AppSettings("TwilioAppSid"))
        capability.AllowClientIncoming(User.Identity.Name)
        Return Json(New With {.token = capability.GenerateToken(TokenSeconds)}, JsonRequestBehavior.AllowGet)
    End Function

    Private Sub Describe(ByVal other As TwilioCapability)
        System.Diagnostics.Trace.WriteLine(other.GetType().Name)
    End Sub
End Class
