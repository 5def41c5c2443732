<?php
// The provider behind laravel_injected_client_token.php: the container builds every
// Twilio\Jwt\ClientToken it injects from config. This is where the auth token goes in;
// the scopes are added by the classes that receive the object.

namespace App\Providers;

use Illuminate\Support\ServiceProvider;
use Twilio\Jwt\ClientToken;

class AppServiceProvider extends ServiceProvider
{
    public function register()
    {
        $this->app->bind(ClientToken::class, function ($app) {
            return new ClientToken(config('services.twilio.sid'), config('services.twilio.token')); // capmig-expect: php-client-token capability-mint identity=none incoming=false ttl=3600 provided=2
        });
    }
}
