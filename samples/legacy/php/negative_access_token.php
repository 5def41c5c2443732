<?php
// NEGATIVE SAMPLE: migrated endpoint, Access Token + VoiceGrant (twilio/sdk 7.x).
// Expected findings: none.
declare(strict_types=1);

require dirname(__DIR__) . '/vendor/autoload.php';

use Twilio\Jwt\AccessToken;
use Twilio\Jwt\Grants\VoiceGrant;

function voice_token(string $identity, int $ttl = 600): string
{
    $token = new AccessToken(
        getenv('TWILIO_ACCOUNT_SID'),
        getenv('TWILIO_API_KEY_SID'),
        getenv('TWILIO_API_KEY_SECRET'),
        $ttl,
        $identity
    );

    $grant = (new VoiceGrant())
        ->setIncomingAllow(true)
        ->setOutgoingApplication(getenv('TWILIO_TWIML_APP_SID'), ['plan' => 'standard']);
    $token->addGrant($grant);

    return $token->toJWT();
}

if (PHP_SAPI !== 'cli') {
    header('Content-Type: application/json');
    echo json_encode(['token' => voice_token($_GET['identity'] ?? 'anonymous')]);
}
