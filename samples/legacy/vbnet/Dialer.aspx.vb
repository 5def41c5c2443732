' Dialer.aspx.vb — an ASP.NET Web Forms code-behind (2014) on Twilio.Client 3.x. The page
' reads TwilioToken in its markup; the getter builds the capability from literals written in
' the page, so the auth token is a hard-coded secret too. The click handler's TwiML is not a
' capability (its anonymous object continues over lines with " _").
Imports Twilio

Public Class Dialer
    Inherits System.Web.UI.Page

    Public CalledNumber As String

    Protected Sub Page_Load(ByVal sender As Object, ByVal e As System.EventArgs) Handles Me.Load
        If Not IsPostBack Then
            CalledNumber = Request.QueryString("PN")
        End If
    End Sub

    Public ReadOnly Property TwilioToken As String
        Get
            Dim accountSid = "AC4e1b0d5f9a2c7e3b8d6f1a0c9e2b7d5f"
            Dim authToken = "d41d8cd98f00b204e9800998ecf8427e" ' capmig-expect: hardcoded-auth-token hardcoded-secret
            Dim appSid = "AP6c2f0e9d8b7a6c5d4e3f2a1b0c9d8e7f"

            Dim capability = New TwilioCapability(accountSid, authToken) ' capmig-expect: csharp-twilio-capability capability-mint identity=operator incoming=true app=AP6c2f0e9d8b7a6c5d4e3f2a1b0c9d8e7f ttl=3600

            capability.AllowClientOutgoing(appSid)
            capability.AllowClientIncoming("operator")
            Return capability.GenerateToken()
        End Get
    End Property

    Protected Sub Transfer_ServerClick(sender As Object, e As EventArgs)
        Dim twiml = New Twilio.TwiML.TwilioResponse()
        twiml.Say("Connecting you to an operator.")
        twiml.Dial(New Twilio.TwiML.Number(CalledNumber, New With { _
            Key .url = "screen-caller.xml", _
            Key .method = "GET" _
        }))
        Response.ContentType = "text/xml"
        Response.Write(twiml.ToString())
    End Sub
End Class
