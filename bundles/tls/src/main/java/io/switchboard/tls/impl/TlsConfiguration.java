package io.switchboard.tls.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard TLS",
        description = "The certificate every TLS listener (wss://, TCP with STARTTLS or direct TLS, BOSH, external components) presents:"
                + " from PEM files when certificatePath and privateKeyPath are set, else from the PKCS#12 keystore."
                + " The files are watched: a renewed certificate is used for new connections, open ones keep theirs.")
public @interface TlsConfiguration {

    @AttributeDefinition(name = "Certificate (PEM)", description = "PEM file with the server's certificate followed by its"
            + " intermediates, such as certbot's /etc/letsencrypt/live/DOMAIN/fullchain.pem. Used with privateKeyPath instead"
            + " of the keystore; empty to use the keystore.")
    String certificatePath() default "";

    @AttributeDefinition(name = "Private key (PEM)", description = "PEM file with the certificate's unencrypted private key,"
            + " RSA or EC, as PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY),"
            + " such as certbot's privkey.pem. A key that does not belong to the certificate is refused.")
    String privateKeyPath() default "";

    @AttributeDefinition(name = "Keystore", description = "PKCS#12 keystore with the server's key and certificate chain,"
            + " used when no PEM files are set. Created with a self-signed certificate when missing.")
    String keystorePath() default "data/switchboard.p12";

    @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD, description = "Opens the keystore; also the password a generated keystore gets.")
    String keystorePassword() default "changeit";

    @AttributeDefinition(name = "Certificate host name", description = "Host name put in a generated self-signed certificate.")
    String certificateHost() default "localhost";

    @AttributeDefinition(name = "Watch interval (seconds)", description = "How often the certificate files are compared"
            + " with the ones in use. Changed files are read once they have stayed the same for one interval, so a renewal"
            + " reaches new connections within two intervals. 0 turns the watch off.")
    int watchSeconds() default 10;
}
