package io.switchboard.api.routing;

import org.osgi.annotation.versioning.ConsumerType;
import org.xmpp.packet.Packet;

/**
 * Handles stanzas addressed to the server itself (no {@code to}, the domain, or a user's bare JID
 * for IQs the server answers on the user's behalf); the presence handler also gets every presence
 * addressed to a user, and delivers it itself (RFC 6121 presence is the server's business on both
 * sides). A handler registers itself as a service whose
 * properties are its routing key; the core dispatches by them and advertises the disco features
 * they name. Handlers are stateless, never touch sockets, and answer through the {@link Router}.
 */
@ConsumerType
public interface StanzaHandler {

    /** Service property: the stanza element handled, {@code iq}, {@code message} or {@code presence}. */
    String ELEMENT = "switchboard.stanza.element";

    /**
     * Service property: for IQs, the namespace of the child element handled. Absent for message
     * and presence handlers.
     */
    String NAMESPACE = "switchboard.stanza.namespace";

    /** Service property (String or String[]): features to list in the server's disco#info. */
    String DISCO_FEATURE = "switchboard.disco.feature";

    /**
     * Handles one stanza. Throwing {@link StanzaErrorException} makes the core answer the sender
     * with that error; any other exception becomes {@code internal-server-error}.
     */
    void handle(Packet packet) throws StanzaErrorException;
}
