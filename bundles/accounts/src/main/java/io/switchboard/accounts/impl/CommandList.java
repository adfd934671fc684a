package io.switchboard.accounts.impl;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/**
 * XEP-0050 2.2: the server's disco#items of the node {@code http://jabber.org/protocol/commands}
 * list the commands, to administrators only (an empty list for anyone else). Ranked above the
 * server's own disco#items handler, it hands every other disco#items query to the next-ranked
 * one, so the core's disco needs no change to know of commands.
 */
@Component(property = {
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + CommandList.ITEMS,
        "service.ranking:Integer=100"})
public class CommandList implements StanzaHandler {

    static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private final Router router;
    private final AdminCommands commands;

    /** The next disco#items handler: the highest-ranked other than this one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(&(" + StanzaHandler.NAMESPACE + "=" + ITEMS + ")(!(component.name=io.switchboard.accounts.impl.CommandList)))")
    private volatile StanzaHandler next;

    @Activate
    public CommandList(@Reference Router router, @Reference AdminCommands commands) {
        this.router = router;
        this.commands = commands;
    }

    /** For tests: what DS injects. */
    CommandList(Router router, AdminCommands commands, StanzaHandler next) {
        this(router, commands);
        this.next = next;
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ request = (IQ) packet;
        if (!AdminCommands.NS.equals(request.getChildElement().attributeValue("node"))
                || (request.getTo() != null && request.getTo().getNode() != null)) {
            StanzaHandler other = next;
            if (other == null) {
                throw new StanzaErrorException(PacketError.Condition.service_unavailable);
            }
            other.handle(packet);
            return;
        }
        if (request.getType() != IQ.Type.get) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "disco#items is queried with get");
        }
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", ITEMS).addAttribute("node", AdminCommands.NS);
        if (commands.isAdmin(request.getFrom())) {
            for (AdminCommand command : commands.commands()) {
                query.addElement("item").addAttribute("jid", router.domain()).addAttribute("node", command.node())
                        .addAttribute("name", command.name());
            }
        }
        router.route(result);
    }
}
