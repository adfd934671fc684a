package io.switchboard.pubsub.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * Answers what reaches the service: each IQ request goes to its use case by namespace and action
 * (a set under its node's change lock), its answer is sent, then the notifications it made; an
 * owner's submitted approval form goes to {@link SubscriptionApprovals}.
 */
final class PubSubRequests {

    private final Nodes nodes;
    private final Delivery delivery;
    private final Disco disco;
    private final EntityRequests entities;
    private final PublisherRequests publishers;
    private final OwnerRequests owners;
    private final SubscriptionApprovals approvals;

    PubSubRequests(Nodes nodes, Delivery delivery, NodeAccess access) {
        this.nodes = nodes;
        this.delivery = delivery;
        this.disco = new Disco(nodes, delivery::address);
        this.entities = new EntityRequests(nodes, access, delivery.notifications());
        this.publishers = new PublisherRequests(nodes, access, delivery);
        this.owners = new OwnerRequests(nodes, access, delivery.notifications());
        this.approvals = new SubscriptionApprovals(nodes, delivery);
    }

    void process(Packet packet) {
        if (packet instanceof IQ iq && iq.isRequest()) {
            List<Packet> then = new ArrayList<>(); // notifications that follow the answer
            IQ answer;
            ReentrantLock change = iq.getType() == IQ.Type.set ? nodes.changesTo(nodeOf(iq)) : null;
            if (change != null) {
                change.lock();
            }
            try {
                answer = answer(iq, then);
            } catch (StanzaErrorException e) {
                answer = (IQ) e.replyTo(iq);
                then.clear();
            } finally {
                if (change != null) {
                    change.unlock();
                }
            }
            delivery.send(answer);
            if (answer.getType() == IQ.Type.result && isPublish(iq)) {
                delivery.sendPublished(then, true);
            } else {
                delivery.sendAll(then);
            }
        } else if (packet instanceof Message message && message.getType() != Message.Type.error) {
            Map<String, String> form = SubscriptionApprovals.authorizationForm(message);
            if (form != null) {
                ReentrantLock change = nodes.changesTo(form.get("pubsub#node"));
                change.lock();
                try {
                    approvals.authorize(message, form);
                } finally {
                    change.unlock();
                }
            }
        }
        // presences and answers to us carry nothing this service acts on
    }

    /** The node a request acts on: its action's (subscribe, publish, configure, …) node attribute. */
    private static String nodeOf(IQ request) {
        Element child = request.getChildElement();
        Element action = child == null || child.elements().isEmpty() ? null : child.elements().get(0);
        return action == null ? null : action.attributeValue("node");
    }

    private static boolean isPublish(IQ request) {
        Element child = request.getChildElement();
        return child != null && Namespaces.PUBSUB.equals(child.getNamespaceURI()) && child.element("publish") != null;
    }

    private IQ answer(IQ request, List<Packet> then) throws StanzaErrorException {
        Element child = request.getChildElement();
        String namespace = child == null ? "" : child.getNamespaceURI();
        boolean get = request.getType() == IQ.Type.get;
        if (Namespaces.DISCO_INFO.equals(namespace) && get) {
            return disco.info(request, child.attributeValue("node"));
        }
        if (Namespaces.DISCO_ITEMS.equals(namespace) && get) {
            return disco.items(request, child.attributeValue("node"));
        }
        if (!Namespaces.PUBSUB.equals(namespace) && !Namespaces.OWNER.equals(namespace)) {
            throw new StanzaErrorException(PacketError.Condition.service_unavailable);
        }
        Element action = child.elements().isEmpty() ? null : child.elements().get(0);
        if (action == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request);
        }
        String verb = action.getName();
        if (Namespaces.OWNER.equals(namespace)) {
            return switch ((get ? "get " : "set ") + verb) {
                case "get configure" -> owners.configuration(request, action);
                case "set configure" -> owners.configure(request, action, then);
                case "get default" -> owners.defaultConfiguration(request);
                case "set delete" -> owners.delete(request, action, then);
                case "set purge" -> owners.purge(request, action, then);
                case "get subscriptions" -> owners.ownerSubscriptions(request, action);
                case "set subscriptions" -> owners.manageSubscriptions(request, action, then);
                case "get affiliations" -> owners.ownerAffiliations(request, action);
                case "set affiliations" -> owners.manageAffiliations(request, action);
                default -> throw PubSubErrors.unsupported(verb);
            };
        }
        return switch ((get ? "get " : "set ") + verb) {
            case "set create" -> owners.create(request, action, child.element("configure"));
            case "set publish" -> publishers.publish(request, action, child.element("publish-options"), then);
            case "set retract" -> publishers.retract(request, action, then);
            case "set subscribe" -> entities.subscribe(request, action, child.element("options"), then);
            case "set unsubscribe" -> entities.unsubscribe(request, action);
            case "get options" -> entities.options(request, action);
            case "set options" -> entities.setOptions(request, action);
            case "get subscriptions" -> entities.subscriptions(request, action.attributeValue("node"));
            case "get affiliations" -> entities.affiliations(request, action.attributeValue("node"));
            case "get items" -> entities.items(request, action);
            default -> throw PubSubErrors.unsupported(verb);
        };
    }
}
