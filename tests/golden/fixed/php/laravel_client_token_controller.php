<?php

namespace App\Http\Controllers;

use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;
use Twilio\Jwt\AccessToken;
use Twilio\Jwt\Grants\VoiceGrant;

/**
 * Laravel 5.5, twilio/sdk 5.x. Routes: GET /api/voice/token (auth:api).
 */
class VoiceTokenController extends Controller
{
    public function tokenFor(string $clientName): string
    {

        $voiceGrant = new VoiceGrant();
        $voiceGrant->setIncomingAllow(true);
        $voiceGrant->setOutgoingApplicationSid(env('TWILIO_TWIML_APP_SID'));
        $accessToken = new AccessToken(
            config('services.twilio.account_sid'),
            config('services.twilio.api_key_sid'),
            config('services.twilio.api_key_secret'),
            config('services.twilio.token_ttl', 3600),
            strval($clientName)
        );
        $accessToken->addGrant($voiceGrant);
        return $accessToken->toJWT();
    }

    public function show(Request $request): JsonResponse
    {
        $clientName = preg_replace('/\W/', '_', $request->user()->email);

        try {
            $token = $this->tokenFor($clientName);
        } catch (\Exception $e) {
            Log::error('Twilio capability token failed', ['exception' => $e]);
            return response()->json(['error' => 'token unavailable'], 500);
        }

        return response()->json([
            'identity' => $clientName,
            'token' => $token,
        ]);
    }
}
