<?php
/**
 * token.php -- hit by the softphone every 10 minutes.
 * twilio-php 3.12 checked into lib/ (no composer on the old shared host). `fix --library-upgraded`
 * waits (library-upgrade): the file loads the old library by path, and only the project knows
 * where twilio-php 5's autoloader will be.
 */
require_once __DIR__ . '/lib/Services/Twilio/Capability.php';

$accountSid = 'AC4a8a08f09d37b73795649038408b5f33';
$authToken  = '8f14e45fceea167a5a36dedd4bea2543'; // capmig-expect: hardcoded-auth-token hardcoded-secret
$appSid     = 'AP1679091c5a880faf6fb5e6087eb1b2dc';

function token_for($user)
{
    global $accountSid, $authToken, $appSid;

    $capability = new Services_Twilio_Capability($accountSid, $authToken); // capmig-expect: php-services-twilio-capability capability-mint identity=? incoming=true app=AP1679091c5a880faf6fb5e6087eb1b2dc params=department ttl=600
    $capability->allowClientIncoming($user);
    $capability->allowClientOutgoing($appSid, array('department' => 'billing'));

    return $capability->generateToken(600);
}

$user = isset($_GET['user']) ? $_GET['user'] : '';
if (!preg_match('/^\w+$/', $user)) {
    header('HTTP/1.1 400 Bad Request');
    echo json_encode(array('error' => 'invalid user'));
    exit;
}

try {
    header('Content-Type: application/json');
    echo json_encode(array('token' => token_for($user)));
} catch (InvalidArgumentException $e) {
    header('HTTP/1.1 500 Internal Server Error');
    echo json_encode(array('error' => $e->getMessage()));
}
