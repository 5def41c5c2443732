<?php
// Laravel 5.5 dispatch console (2018). The container hands the action a Twilio\Jwt\ClientToken
// that AppServiceProvider builds from config (method injection), and a queue worker gets one
// through its constructor and keeps it in a property. Neither class here knows the auth
// token: each construct starts at the typed parameter, and the repository pass ties it to
// the provider's binding, the one place that builds a ClientToken, for its credentials. `fix`
// leaves both to a person (provided-object): the two files must change together.
// The Doctrine-style repository at the end stores the app's own ClientToken entity: no mint.
// capmig-negative: php-services-twilio-capability php 5.x+ only

namespace App\Http\Controllers;

use App\Jobs\Dispatcher;
use Illuminate\Http\Request;
use Twilio\Jwt\ClientToken;

class DispatchTokenController extends Controller
{
    public function token(Request $request, ClientToken $clientToken) // capmig-expect: php-client-token capability-mint identity=? incoming=true app=? ttl=3600 built=laravel_app_service_provider.php
    {
        $clientToken->allowClientOutgoing(config('services.twilio.dispatch_app'));
        $clientToken->allowClientIncoming($request->user()->dispatcher_code);

        return response()->json(['token' => $clientToken->generateToken()]);
    }
}

class RingbackWorker
{
    private $capability;
    private $dispatcher;

    public function __construct(
        ClientToken $capability, // capmig-expect: php-client-token capability-mint identity=ringback incoming=true ttl=300 built=laravel_app_service_provider.php
        Dispatcher $dispatcher
    ) {
        $this->capability = $capability;
        $this->dispatcher = $dispatcher;
    }

    public function handle()
    {
        $this->capability->allowClientIncoming('ringback');
        $this->dispatcher->push($this->capability->generateToken(300));
    }
}
