<?php
// Laravel 4 controller (2015) that loads twilio-php 4.x's Capability file by hand and names
// the class in a string, so a test could swap in a fake: `new $class(...)` still mints.

namespace App\Http\Controllers;

class CallTokenController extends Controller
{
    private $appSid;

    public function __construct()
    {
        $this->appSid = env('TWILIO_APP_SID');
        require_once base_path() . '/vendor/twilio/sdk/Services/Twilio/Capability.php';
    }

    public function postToken()
    {
        $capabilityClass = "Services_Twilio_Capability";
        $capability = new $capabilityClass(env('TWILIO_ACCOUNT_SID'), env('TWILIO_AUTH_TOKEN')); // capmig-expect: php-services-twilio-capability capability-mint identity=? incoming=true app=? ttl=3600
        $capability->allowClientOutgoing($this->appSid);
        $capability->allowClientIncoming(\Auth::user()->username);

        return response()->json(['token' => $capability->generateToken()]);
    }

    // A class name held in a variable that is not the capability: nothing to report.
    public function postExport()
    {
        $exporter = 'App\Exports\CallLogExport';
        $job = new $exporter(\Auth::id());
        return response()->json(['queued' => $job->dispatch()]);
    }
}
