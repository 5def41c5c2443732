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
$capability = new Twilio\Jwt\ClientToken(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN')); // capmig-expect: php-client-token capability-mint identity=dialer incoming=true ttl=3600
$capability->allowClientIncoming('dialer');
$token = $capability->generateToken();
?>
<?php include("clientjs.php"); ?>
</head>
<body></body>
</html>
