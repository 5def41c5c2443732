<?php
// client.php of a cookbook-style softphone (twilio-php 5.x through Composer, 2017). The capability
// is set up in the PHP block at the top, but the token is generated inside the page's JavaScript
// by an inline echo. New statements cannot go on that line (it is JavaScript around a PHP tag),
// so `fix` asks for the token to be built in the PHP block first (in-template).
require __DIR__ . '/vendor/autoload.php';

use Twilio\Jwt\ClientToken;

$capability = new ClientToken(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN')); // capmig-expect: php-client-token capability-mint identity=frontdesk incoming=true ttl=3600
$capability->allowClientIncoming('frontdesk');
?>
<!DOCTYPE html>
<html>
<head>
  <script src="//static.twilio.com/libs/twiliojs/1.2/twilio.min.js"></script>
  <script>
    Twilio.Device.setup("<?php echo $capability->generateToken(); ?>"); // capmig-expect: client-twiliojs-setup-page capability-client
  </script>
</head>
<body><button onclick="Twilio.Device.connect()">Call</button></body>
</html>
