<?php
// NEGATIVE SAMPLE: a checkout page that uses Braintree's ClientToken (payments, not Twilio)
// and Twilio's REST client for SMS receipts. Expected findings: none.
//
// capmig-negative: php-client-token (Braintree\ClientToken::generate, a different library)
// capmig-negative: php-services-twilio-capability (the old Services_Twilio REST client only)
// capmig-negative: client-twiliojs-setup-page (the page loads the Voice SDK 2.x, new Device)
// capmig-negative: client-twiliojs-device-page (new Twilio.Device from the 2.x script: no 1.x events)
require __DIR__ . '/vendor/autoload.php';

use Braintree\ClientToken;
use Braintree\Configuration;
use Twilio\Rest\Client as TwilioClient;

Configuration::environment('sandbox');
Configuration::merchantId(getenv('BRAINTREE_MERCHANT_ID'));
Configuration::publicKey(getenv('BRAINTREE_PUBLIC_KEY'));
Configuration::privateKey(getenv('BRAINTREE_PRIVATE_KEY'));

function checkoutClientToken(string $customerId): string
{
    return ClientToken::generate(['customerId' => $customerId]);
}

function sendReceipt(string $to, string $orderId): void
{
    $twilio = new TwilioClient(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'));
    $twilio->messages->create($to, [
        'from' => getenv('TWILIO_FROM_NUMBER'),
        'body' => "Thanks! Order {$orderId} is confirmed.",
    ]);
}

// Legacy SMS fallback, still on the 4.x library for the old reseller portal.
function legacySms(string $to, string $body): void
{
    $client = new Services_Twilio(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'));
    $client->account->messages->sendMessage(getenv('TWILIO_FROM_NUMBER'), $to, $body);
}

$clientToken = checkoutClientToken($_SESSION['customer_id'] ?? 'guest');
?>
<!doctype html>
<html>
<head>
  <script src="https://js.braintreegateway.com/web/dropin/1.40.2/js/dropin.min.js"></script>
  <script src="/assets/twilio-voice-sdk-2.10.0.min.js"></script>
</head>
<body>
  <div id="dropin-container"></div>
  <button id="call-support">Call support</button>
  <script>
    braintree.dropin.create({ authorization: "<?php echo htmlspecialchars($clientToken); ?>", container: '#dropin-container' });
    document.getElementById('call-support').addEventListener('click', async () => {
      const { token } = await (await fetch('/voice-token.php')).json();
      const device = new Twilio.Device(token, { codecPreferences: ['opus', 'pcmu'] });
      await device.connect({ params: { To: 'support' } });
    });
  </script>
</body>
</html>
