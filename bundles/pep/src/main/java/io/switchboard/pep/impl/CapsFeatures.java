package io.switchboard.pep.impl;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.dom4j.Element;
import org.xmpp.packet.IQ;

import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;

/**
 * What a session that just came online supports: its verified caps when the presence bundle has
 * them, else (the caps are still being verified, as they are at a client's first login) what the
 * client itself answers to disco#info for its caps node. Good enough for choosing what to send it.
 */
final class CapsFeatures {

    static final String CAPS = "http://jabber.org/protocol/caps";

    private final Supplier<EntityCapabilities> caps;
    private final Router router;

    CapsFeatures(Supplier<EntityCapabilities> caps, Router router) {
        this.caps = caps;
        this.router = router;
    }

    CompletionStage<Set<String>> of(ClientSession session) {
        EntityCapabilities current = caps.get();
        Optional<Set<String>> verified = current == null ? Optional.empty() : current.features(session.address());
        if (verified.isPresent()) {
            return CompletableFuture.completedFuture(verified.get());
        }
        Element c = session.presence() == null ? null : session.presence().getChildElement("c", CAPS);
        if (c == null || c.attributeValue("node") == null || c.attributeValue("ver") == null) {
            return CompletableFuture.completedFuture(Set.of());
        }
        IQ query = new IQ(IQ.Type.get);
        query.setTo(session.address());
        query.setChildElement("query", Namespaces.DISCO_INFO).addAttribute("node", c.attributeValue("node") + "#" + c.attributeValue("ver"));
        return router.query(query).thenApply(CapsFeatures::features).exceptionally(failure -> Set.of());
    }

    private static Set<String> features(IQ answer) {
        Set<String> features = new HashSet<>();
        Element query = answer.getType() == IQ.Type.result ? answer.getChildElement() : null;
        if (query != null) {
            query.elements("feature").forEach(feature -> features.add(feature.attributeValue("var")));
        }
        return features;
    }
}
