<%@ Language="VBScript" %>
<%
' A classic ASP page: the token comes from the session the login page filled, and the page
' hands it to twilio.js 1.0 from the CDN.
Dim capabilityToken
capabilityToken = Session("twilio_capability")
%>
<html>
<head>
  <script type="text/javascript" src="//static.twilio.com/libs/twiliojs/1.0/twilio.min.js"></script>
  <script type="text/javascript">
    Twilio.Device.setup('<%Response.Write(capabilityToken)%>'); // capmig-expect: client-twiliojs-setup-page capability-client
    Twilio.Device.ready(function (device) { document.getElementById('status').innerText = 'Ready'; });
  </script>
</head>
<body><div id="status">Connecting…</div></body>
</html>
