package io.switchboard.shell.ssh.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard SSH shell",
        description = "The Gogo shell over SSH, for administrators: interactive (ssh -p 8101 admin@localhost) or one command at a time"
                + " (ssh -p 8101 admin@localhost switchboard:sessions). Changes apply at once, without a restart.")
public @interface SshShellConfiguration {

    String PID = "io.switchboard.shell.ssh";

    @AttributeDefinition(name = "Host", description = "Address the SSH shell listens on; 127.0.0.1 keeps it to this machine, 0.0.0.0 opens it to every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP port of the SSH shell; -1 turns the shell off.")
    int port() default 8101;

    @AttributeDefinition(name = "Administrators",
            description = "User names allowed in with their password from the authentication provider's store (e.g. the users file,"
                    + " where passwords are kept salted); none lets no one in by password.")
    String[] admins() default {};

    @AttributeDefinition(name = "Authorized keys",
            description = "Public keys allowed in, one per entry as 'name: <an authorized_keys line>', e.g."
                    + " 'admin: ssh-ed25519 AAAA... admin@laptop'. The name need not be in the users store.")
    String[] authorizedKeys() default {};

    @AttributeDefinition(name = "Host key file",
            description = "The server's SSH host key, relative to the server's folder; made on first start when missing.")
    String hostKeyFile() default "data/ssh-host-key";
}
