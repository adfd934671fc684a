package io.switchboard.sasl.impl;

import org.osgi.service.component.annotations.Component;

import io.switchboard.api.auth.ScramCredential;
import io.switchboard.api.sasl.SaslMechanism;

/** SCRAM-SHA-1 (RFC 5802), which Strophe.js picks when offered. */
@Component(service = SaslMechanism.class, property = {SaslMechanism.NAME + "=" + ScramCredential.SHA_1, "service.ranking:Integer=200"})
public class ScramSha1Mechanism extends ScramMechanism {

    public ScramSha1Mechanism() {
        super(ScramCredential.SHA_1, "HmacSHA1", "SHA-1");
    }
}
