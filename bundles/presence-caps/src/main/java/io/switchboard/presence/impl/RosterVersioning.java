package io.switchboard.presence.impl;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/** XEP-0237: tells clients, in the stream features, that roster requests may carry the version they hold. */
@Component(property = {
        StreamFeature.NAMESPACE + "=" + RosterVersioning.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_POST_AUTH})
public class RosterVersioning implements StreamFeature {

    static final String NS = "urn:xmpp:features:rosterver";

    /** Offered only while rosters can be read. */
    @Reference
    RosterBook rosters;

    @Override
    public Element advertise(Negotiation stream) {
        return DocumentHelper.createElement(QName.get("ver", NS));
    }

    @Override
    public void process(Element element, Negotiation stream) {
        // nothing is ever sent in this namespace: the feature is only announced
    }
}
