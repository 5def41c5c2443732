<?php
/**
 * NEGATIVE SAMPLE: TaskRouter worker capability, capability words in comments and
 * strings, placeholder credentials. Expected findings: none.
 *
 * The old softphone used:
 *     $capability = new Services_Twilio_Capability($accountSid, $authToken);
 *     $capability->allowClientIncoming('jenny');
 */
require dirname(__DIR__) . '/vendor/autoload.php';

use Twilio\Jwt\TaskRouter\WorkerCapability;

const EXAMPLE_CONFIG = [
    'account_sid' => 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'auth_token'  => 'your_auth_token',
];

function worker_token(string $workerSid): string
{
    $capability = new WorkerCapability(
        getenv('TWILIO_ACCOUNT_SID'),
        getenv('TWILIO_AUTH_TOKEN'),
        getenv('TWILIO_WORKSPACE_SID'),
        $workerSid
    );
    $capability->allowActivityUpdates();
    $capability->allowReservationUpdates();

    return $capability->generateToken();
}

function user_capabilities(array $user): array
{
    // "capabilities" here are our own permission flags.
    return array_values(array_filter([
        $user['is_admin'] ? 'admin' : null,
        $user['can_export'] ? 'export' : null,
    ]));
}

echo 'Use Twilio\Jwt\AccessToken for new code; ClientToken is deprecated.', PHP_EOL;
