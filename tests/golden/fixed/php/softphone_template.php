<?php
// agent/phone.php -- rendered for logged-in agents; twilio-php 4.x via Composer.
require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/../includes/session.php';
use Twilio\Jwt\AccessToken;
use Twilio\Jwt\Grants\VoiceGrant;

$agent = current_agent();
if (!$agent) {
    header('Location: /login.php');
    exit;
}

$voiceGrant = new VoiceGrant();
$voiceGrant->setIncomingAllow(true);
$voiceGrant->setOutgoingApplicationSid(getenv('TWILIO_APP_SID'));
$accessToken = new AccessToken(
  getenv('TWILIO_ACCOUNT_SID'),
  getenv('TWILIO_API_KEY_SID'),
  getenv('TWILIO_API_KEY_SECRET'),
  3600,
  $agent['client_name']
);
$accessToken->addGrant($voiceGrant);
$token = $accessToken->toJWT();
?>
<!DOCTYPE html>
<html>
<head>
  <title>Softphone &middot; <?php echo htmlspecialchars($agent['name']); ?></title>
  <script type="text/javascript" src="//static.twilio.com/libs/twiliojs/1.2/twilio.min.js"></script>
  <script type="text/javascript" src="/js/jquery-1.11.1.min.js"></script>
</head>
<body>
  <h1>Hello, <?php echo htmlspecialchars($agent['name']); ?></h1>
  <p id="status">Connecting&hellip;</p>
  <?php if ($agent['can_dial_out']): ?>
    <input type="tel" id="number" placeholder="+15551234567">
    <button id="call">Call</button>
  <?php endif; ?>
  <button id="hangup">Hang up</button>

  <script type="text/javascript">
    Twilio.Device.setup("<?php echo $token; ?>"); // capmig-expect: client-twiliojs-setup-page capability-client
    Twilio.Device.ready(function () { $('#status').text('Ready'); });
    Twilio.Device.incoming(function (conn) { conn.accept(); });
    $('#call').click(function () { Twilio.Device.connect({ To: $('#number').val() }); });
    $('#hangup').click(function () { Twilio.Device.disconnectAll(); });
  </script>
</body>
</html>
