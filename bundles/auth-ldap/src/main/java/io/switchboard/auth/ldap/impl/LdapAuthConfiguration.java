package io.switchboard.auth.ldap.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard LDAP authentication",
        description = "Logins checked by binding to an LDAP directory as the user, found by a search. "
                + "PLAIN only: a directory gives no SCRAM credentials.")
public @interface LdapAuthConfiguration {

    @AttributeDefinition(name = "URL", description = "ldap://host:389 or ldaps://host:636.")
    String url() default "ldap://localhost:389";

    @AttributeDefinition(name = "StartTLS", description = "Upgrade an ldap:// connection to TLS before anything else is sent.")
    boolean startTls() default false;

    @AttributeDefinition(name = "Trust store", description = "A PKCS12 or JKS file of the certificates to trust for "
            + "ldaps:// and StartTLS; empty: the JVM's trust store. The directory's host name is verified either way "
            + "(not at a numeric loopback address such as 127.0.0.1, which the LDAP SDK exempts).")
    String trustStore() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD, description = "Empty: none.")
    String trustStorePassword() default "";

    @AttributeDefinition(name = "Base DN", description = "Where users are searched, e.g. ou=people,dc=example,dc=com.")
    String baseDn();

    @AttributeDefinition(name = "User filter", description = "{0} stands for the user name (escaped), e.g. (uid={0}) "
            + "or (&(objectClass=person)(sAMAccountName={0})).")
    String userFilter() default "(uid={0})";

    @AttributeDefinition(name = "Search bind DN", description = "Who searches; empty: anonymous.")
    String bindDn() default "";

    @AttributeDefinition(name = "Search bind password", type = AttributeType.PASSWORD, description = "The password of the search bind DN; empty for an anonymous search.")
    String bindPassword() default "";

    @AttributeDefinition(name = "Connections", description = "Most connections to the directory open at once.")
    int poolSize() default 4;

    @AttributeDefinition(name = "Connect timeout (seconds)", description = "How long opening a connection to the directory may take.")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(name = "Response timeout (seconds)", description = "For each operation, and for waiting for a free connection.")
    int responseTimeoutSeconds() default 5;

    @AttributeDefinition(name = "Ranking", description = "Among several authentication providers, the highest ranking is "
            + "used; the users file has 0.")
    int service_ranking() default 20;
}
