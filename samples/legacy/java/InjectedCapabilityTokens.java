package com.example.callcenter.tokens;

import com.twilio.sdk.client.TwilioCapability;
import com.twilio.sdk.client.TwilioCapability.DomainException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * Spring wiring on twilio-java 6.x (2016): a configuration class (not in this file) declares
 * the TwilioCapability bean with the account's credentials. One service receives it through
 * its constructor and keeps it in a field, another has it injected into a field. Each
 * construct starts at that declaration; the scopes and ttl come from the calls made on it.
 * capmig-negative: java-client-capability twilio-java 6.x only
 */
@Service
public class InjectedCapabilityTokens {
    private final TwilioCapability capability;
    private final String role;

    @Autowired
    public InjectedCapabilityTokens(@Qualifier("agents") TwilioCapability capability, String role) { // capmig-expect: java-twilio-capability capability-mint identity=? incoming=true app=? ttl=1800
        this.capability = capability;
        this.role = role;
    }

    public String tokenFor(String agent, String appSid) throws DomainException {
        capability.allowClientOutgoing(appSid);
        capability.allowClientIncoming(agent + "-" + role);
        return capability.generateToken(1800);
    }
}

@Component
class WallboardTokens {
    @Autowired
    private TwilioCapability wallboard; // capmig-expect: java-twilio-capability capability-mint identity=none incoming=false app=AP5ab0c5c1f0e1d2c3b4a5968778695a4b ttl=3600

    // Handed on, never configured here: not a construct of this file.
    String describe(TwilioCapability other) {
        return other.toString();
    }

    String token() throws DomainException {
        wallboard.allowClientOutgoing("AP5ab0c5c1f0e1d2c3b4a5968778695a4b");
        return wallboard.generateToken();
    }
}
