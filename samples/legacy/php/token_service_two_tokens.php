<?php
// twilio-php 4: the constructor signs an incoming-only token for the page; obtainToken() adds
// the dialing scope to the same object and signs another. Two tokens, two findings.
require_once 'Services/Twilio/Capability.php';

class AgentTokenService
{
    private $capability;
    private $pageToken;

    public function __construct($accountSid, $authToken, $agent)
    {
        $this->capability = new Services_Twilio_Capability($accountSid, $authToken); // capmig-expect: php-services-twilio-capability capability-mint identity=? ttl=3600 app=none
        $this->capability->allowClientIncoming($agent);
        $this->pageToken = $this->capability->generateToken();
    }

    public function obtainToken($appSid)
    {
        $this->capability->allowClientOutgoing($appSid);
        return $this->capability->generateToken(28800); // capmig-expect: php-services-twilio-capability capability-mint identity=? ttl=28800 app=?
    }
}
