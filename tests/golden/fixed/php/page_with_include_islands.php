<!DOCTYPE html>
<!-- dialer.php of a PHP cookbook-style softphone (twilio-php 5.x through Composer, 2017). The
     token is built in one PHP block of the page; the page's JavaScript comes from a later
     one-line island, <?php include("clientjs.php"); ?>. The Access Token's use lines belong in
     the PHP block, before the code that names the classes: never after that later include,
     where they would be printed as HTML. -->
<html>
<head>
<?php
require __DIR__ . '/vendor/autoload.php';
use Twilio\Jwt\AccessToken;
use Twilio\Jwt\Grants\VoiceGrant;
$voiceGrant = new VoiceGrant();
$voiceGrant->setIncomingAllow(true);
$accessToken = new AccessToken(
     getenv('TWILIO_ACCOUNT_SID'),
     getenv('TWILIO_API_KEY_SID'),
     getenv('TWILIO_API_KEY_SECRET'),
     3600,
     'dialer'
);
$accessToken->addGrant($voiceGrant);
$token = $accessToken->toJWT();
?>
<?php include("clientjs.php"); ?>
</head>
<body></body>
</html>
