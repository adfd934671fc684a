package io.switchboard.tls.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard TLS",
        description = "The certificate every TLS listener (wss://, TCP with STARTTLS or direct TLS) presents.")
public @interface TlsConfiguration {

    @AttributeDefinition(name = "Keystore", description = "PKCS#12 keystore with the server's key and certificate chain. Created with a self-signed certificate when missing.")
    String keystorePath() default "data/switchboard.p12";

    @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD, description = "Opens the keystore; also the password a generated keystore gets.")
    String keystorePassword() default "changeit";

    @AttributeDefinition(name = "Certificate host name", description = "Host name put in a generated self-signed certificate.")
    String certificateHost() default "localhost";
}
