<?php
// A Laravel 5 app on twilio-php 4.x: the old class is imported under a short alias, and the
// container hands an instance to the action, so the file never says `new`.
namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Services_Twilio_Capability as TwilioCapability;

class SoftphoneController extends Controller
{
    public function token(Request $request, TwilioCapability $capability) // capmig-expect: php-services-twilio-capability capability-mint identity=? incoming=true app=? ttl=1800
    {
        $capability->allowClientOutgoing(config('services.twilio.app_sid'));
        $capability->allowClientIncoming($request->user()->username);

        return response()->json(['token' => $capability->generateToken(1800)]);
    }
}
