package io.switchboard.core.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/** A stream feature that advertises {@code <name xmlns='namespace'/>} and runs a script on each element it gets. */
final class FakeFeature implements StreamFeature {

    final List<Element> processed = new ArrayList<>();
    private final String name;
    private final String namespace;
    private final BiConsumer<Element, Negotiation> script;

    FakeFeature(String name, String namespace, BiConsumer<Element, Negotiation> script) {
        this.name = name;
        this.namespace = namespace;
        this.script = script;
    }

    @Override
    public Element advertise(Negotiation stream) {
        return name == null ? null : DocumentHelper.createElement(QName.get(name, namespace));
    }

    @Override
    public void process(Element element, Negotiation stream) {
        processed.add(element);
        script.accept(element, stream);
    }
}
