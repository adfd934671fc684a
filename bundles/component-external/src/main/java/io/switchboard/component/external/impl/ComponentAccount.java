package io.switchboard.component.external.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.xmpp.packet.JID;

import io.switchboard.api.pubsub.PublisherGrant;
import io.switchboard.api.routing.Router;

/**
 * One external component the operator allows: its subdomain, its secret, and the nodes it may
 * publish to. A factory configuration each, so that adding a component is adding a file.
 */
@Component(service = {ComponentAccount.class, PublisherGrant.class}, configurationPolicy = ConfigurationPolicy.REQUIRE,
        configurationPid = ComponentAccount.FACTORY_PID)
@Designate(ocd = ComponentAccountConfiguration.class, factory = true)
public class ComponentAccount implements PublisherGrant {

    static final String FACTORY_PID = "io.switchboard.component.external.account";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MIN_SECRET = 16;

    private final String subdomain;
    private final byte[] secret;
    private final List<String> publishNodes;
    private final Router router;

    @Activate
    public ComponentAccount(@Reference Router router, ComponentAccountConfiguration config) {
        this.router = router;
        this.subdomain = config.subdomain() == null ? "" : config.subdomain().trim().toLowerCase(java.util.Locale.ROOT);
        if (!LABEL.matcher(subdomain).matches()) {
            throw new IllegalArgumentException(FACTORY_PID + ": subdomain '" + subdomain + "' is not a DNS label (a-z, 0-9, -)");
        }
        if (config.secret() == null || config.secret().length() < MIN_SECRET) {
            throw new IllegalArgumentException(FACTORY_PID + " for " + subdomain + ": secret must have at least " + MIN_SECRET + " characters");
        }
        this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
        // a list, or one comma-separated value: FileInstall reads [ ... ] lists only where every value in the file is quoted
        this.publishNodes = Arrays.stream(config.publishNodes()).flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(node -> !node.isEmpty()).toList();
    }

    String subdomain() {
        return subdomain;
    }

    /** The component's domain, e.g. acd.example.com. */
    String domain() {
        return subdomain + "." + router.domain();
    }

    /** XEP-0114: the handshake is hex(SHA-1(stream id + secret)); compared in constant time. */
    boolean verifies(String streamId, String handshake) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(streamId.getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(sha1.digest(secret)).getBytes(StandardCharsets.US_ASCII);
            byte[] given = handshake == null ? new byte[0] : handshake.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public boolean mayPublish(JID publisher, String node) {
        return publisher != null && domain().equals(publisher.getDomain())
                && publishNodes.stream().anyMatch(prefix -> prefix.equals("*") || node.startsWith(prefix));
    }

    @Override
    public String toString() {
        return "external component " + subdomain; // never the secret
    }
}
