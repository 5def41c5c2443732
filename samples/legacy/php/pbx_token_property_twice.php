<?php
// A CodeIgniter-style controller that keeps the credentials in properties and sets the auth
// token again before minting (copied from the constructor when the endpoint was split out).
// The name has two definitions, so it has no single value, yet both literals sign the token.
require_once APPPATH . 'libraries/Services/Twilio/Capability.php';

class Pbx extends CI_Controller
{
    public function __construct()
    {
        parent::__construct();
        $this->sid = getenv('TWILIO_ACCOUNT_SID');
        $this->tok = "5d41402abc4b2a76b9719d911017c592"; // capmig-expect: hardcoded-auth-token hardcoded-secret
    }

    public function token()
    {
        $this->tok = "5d41402abc4b2a76b9719d911017c592"; // capmig-expect: hardcoded-auth-token hardcoded-secret
        $capability = new Services_Twilio_Capability($this->sid, $this->tok); // capmig-expect: php-services-twilio-capability capability-mint identity=? ttl=3600
        $capability->allowClientIncoming($this->input->get('agent'));
        echo $capability->generateToken();
    }
}
