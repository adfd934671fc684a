package io.switchboard.sasl.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.auth.ScramCredential;
import io.switchboard.api.sasl.SaslMechanism;

/** SCRAM-SHA-1 (RFC 5802), which Strophe.js picks when offered. */
@Component(service = SaslMechanism.class, property = {SaslMechanism.NAME + "=" + ScramCredential.SHA_1, "service.ranking:Integer=200"})
public class ScramSha1Mechanism extends ScramMechanism {

    @Activate
    public ScramSha1Mechanism(@Reference(name = "unknownSalts") UnknownUserSalts unknownSalts) {
        super(ScramCredential.SHA_1, "HmacSHA1", "SHA-1", unknownSalts);
    }
}
