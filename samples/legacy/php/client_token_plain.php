<?php
// public/token.php -- twilio/sdk 6.x, plain PHP behind nginx.
declare(strict_types=1);

require dirname(__DIR__) . '/vendor/autoload.php';

use Twilio\Jwt\ClientToken;

function token_for(string $user): string
{
    $token = new ClientToken(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN')); // capmig-expect: php-client-token capability-mint identity=? incoming=true app=? params=queue,lang ttl=3600
    $token->addClaim('app', 'helpdesk');
    $token->allowClientOutgoing(getenv('TWILIO_APP_SID'), [
        'queue' => 'support',
        'lang'  => 'en',
    ]);
    $token->allowClientIncoming($user);
    // $token->allowEventStream(['AccountSid' => getenv('TWILIO_ACCOUNT_SID')]);

    return $token->generateToken();
}

if (PHP_SAPI !== 'cli') {
    session_start();
    if (empty($_SESSION['username'])) {
        http_response_code(401);
        exit;
    }
    header('Content-Type: application/jwt');
    echo token_for($_SESSION['username']);
}
