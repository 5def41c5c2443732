<?php
// A Symfony app's own ClientToken entity (an OAuth client's token row) beside a Twilio
// REST client: typed ClientToken parameters that are persisted or read, never a capability.
// capmig-negative: php-client-token the app's own ClientToken class, handed to Doctrine

namespace App\Repository;

use App\Entity\ClientToken;
use Doctrine\ORM\EntityRepository;
use Twilio\Rest\Client;

class ClientTokenRepository extends EntityRepository
{
    public function save(ClientToken $clientToken, bool $flush = false): void
    {
        $this->getEntityManager()->persist($clientToken);
        if ($flush) {
            $this->getEntityManager()->flush();
        }
    }

    public function notify(Client $twilio, ClientToken $token): void
    {
        $twilio->messages->create($token->getPhone(), ['from' => '+15005550006', 'body' => 'Your token expires soon']);
    }
}
