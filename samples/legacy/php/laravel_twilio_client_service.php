<?php
// A Laravel service that keeps the capability in a field: built in the constructor, which
// sits below the methods that add the caller's scope and generate the token.
namespace App\Services;

use Twilio\Jwt\ClientToken;
use Twilio\Rest\Client;

class TwilioClientService
{
    const TOKEN_LIFETIME_SECONDS = 900;

    private $client;
    private $capability;

    public function generateCapabilityToken(string $agentName): string
    {
        $this->capability->allowClientIncoming($agentName);

        return $this->capability->generateToken(self::TOKEN_LIFETIME_SECONDS);
    }

    public function getClient(): Client
    {
        return $this->client;
    }

    public function __construct()
    {
        $this->client = new Client(config('services.twilio.sid'), config('services.twilio.token'));
        $this->capability = new ClientToken(config('services.twilio.sid'), config('services.twilio.token')); // capmig-expect: php-client-token capability-mint identity=? incoming=true app=? ttl=900
        $this->capability->allowClientOutgoing(config('services.twilio.twiml_app_sid'));
    }
}
