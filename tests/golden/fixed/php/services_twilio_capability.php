<?php
/**
 * token.php -- hit by the softphone every 10 minutes.
 * twilio-php 3.12 checked into lib/ (no composer on the old shared host).
 */
require_once __DIR__ . '/lib/Services/Twilio/Capability.php';
use Twilio\Jwt\AccessToken;
use Twilio\Jwt\Grants\VoiceGrant;

$accountSid = 'AC4a8a08f09d37b73795649038408b5f33';
$authToken  = '8f14e45fceea167a5a36dedd4bea2543'; // capmig-expect: hardcoded-auth-token hardcoded-secret
$appSid     = 'AP1679091c5a880faf6fb5e6087eb1b2dc';

function token_for($user)
{
    global $accountSid, $authToken, $appSid;


    $voiceGrant = new VoiceGrant();
    $voiceGrant->setIncomingAllow(true);
    $voiceGrant->setOutgoingApplication($appSid, ['department' => 'billing']);
    $accessToken = new AccessToken(
        $accountSid,
        getenv('TWILIO_API_KEY_SID'),
        getenv('TWILIO_API_KEY_SECRET'),
        600,
        $user
    );
    $accessToken->addGrant($voiceGrant);
    return $accessToken->toJWT();
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
