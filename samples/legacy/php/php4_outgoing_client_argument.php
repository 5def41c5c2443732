<?php
// php4_outgoing_client_argument.php — twilio-php 3.x (2012): the authors pass the client name
// as a third argument to allowClientOutgoing, which takes none; PHP drops it. In the first
// token the name also comes from allowClientIncoming, so the token has it anyway; in the
// second it does not, and the token names no client (fix: identity-missing, and the draft
// offers the dropped name as the identity).
require_once 'Services/Twilio/Capability.php';
require_once 'config.php';

function monitor_token($accountSid, $authToken, $appSid)
{
    $clientName = 'whitmanmonitor';
    $capability = new Services_Twilio_Capability($accountSid, $authToken); // capmig-expect: php-services-twilio-capability capability-mint identity=whitmanmonitor incoming=true app=? ttl=3600
    $capability->allowClientIncoming($clientName);
    $capability->allowClientOutgoing($appSid, array(), $clientName);
    return $capability->generateToken();
}

function dialer_token($accountSid, $authToken, $appSid)
{
    $agent = isset($_REQUEST['agent']) ? $_REQUEST['agent'] : 'desk';
    $capability = new Services_Twilio_Capability($accountSid, $authToken); // capmig-expect: php-services-twilio-capability capability-mint identity=none incoming=false app=? ttl=7200
    $capability->allowClientOutgoing($appSid, array('queue' => 'sales'), $agent);
    return $capability->generateToken(7200);
}
