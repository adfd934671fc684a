package io.switchboard.sasl.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.auth.ScramCredential;
import io.switchboard.api.sasl.SaslMechanism;

/** SCRAM-SHA-256 (RFC 7677), preferred over every other mechanism. */
@Component(service = SaslMechanism.class, property = {SaslMechanism.NAME + "=" + ScramCredential.SHA_256, "service.ranking:Integer=300"})
public class ScramSha256Mechanism extends ScramMechanism {

    @Activate
    public ScramSha256Mechanism(@Reference(name = "unknownSalts") UnknownUserSalts unknownSalts) {
        super(ScramCredential.SHA_256, "HmacSHA256", "SHA-256", unknownSalts);
    }
}
