package io.switchboard.streammanagement.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.routing.Router;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;
import io.switchboard.api.threads.DaemonThreads;

/**
 * XEP-0198 offered after authentication: {@code <enable/>} on a bound stream makes its session a
 * {@link ManagedSession}; {@code <resume/>} instead of binding moves the new connection under a
 * session that lost its own. Stopping it ends only the sessions that wait to be resumed.
 */
@Component(service = StreamFeature.class, configurationPid = StreamManagementSettings.PID, property = {
        StreamFeature.NAMESPACE + "=" + Sm.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_POST_AUTH,
        "service.ranking:Integer=50"})
@Designate(ocd = StreamManagementSettings.class)
public class StreamManagementFeature implements StreamFeature {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("switchboard-sm"));
    private final Resumptions resumptions;
    private volatile StreamManagementSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeterRegistry meters;

    @Activate
    public StreamManagementFeature(@Reference Router router, StreamManagementSettings settings) {
        this.settings = settings;
        this.resumptions = new Resumptions(timer, new Unacknowledged(router), () -> this.settings, () -> meters);
    }

    @Modified
    void modified(StreamManagementSettings changed) {
        this.settings = changed;
    }

    @Deactivate
    void deactivate() {
        resumptions.close();
        timer.shutdownNow();
    }

    @Override
    public Element advertise(Negotiation stream) {
        return offered(stream) ? Sm.element("sm") : null;
    }

    private boolean offered(Negotiation stream) {
        return List.of(settings.transports()).contains(stream.transport());
    }

    @Override
    public void process(Element element, Negotiation stream) {
        if (!offered(stream)) {
            stream.send(Sm.failed("feature-not-implemented"));
            return;
        }
        switch (element.getName()) {
            case "enable" -> enable(element, stream);
            case "resume" -> resume(element, stream);
            default -> stream.send(Sm.failed("unexpected-request")); // <r/> or <a/> before <enable/>
        }
    }

    private void enable(Element enable, Negotiation stream) {
        if (stream.session() == null) {
            stream.send(Sm.failed("unexpected-request")); // XEP-0198 3: only once a resource is bound
            return;
        }
        StreamManagementSettings current = settings;
        boolean resumable = "true".equals(enable.attributeValue("resume")) || "1".equals(enable.attributeValue("resume"));
        Duration resumeFor = Duration.ofSeconds(resumeSeconds(enable.attributeValue("max"), current));
        ManagedSession managed = new ManagedSession(stream, resumptions, current, resumable ? Resumptions.newId() : null, resumeFor);
        Element enabled = Sm.element("enabled");
        if (resumable) {
            enabled.addAttribute("id", managed.id()).addAttribute("resume", "true")
                    .addAttribute("max", Long.toString(resumeFor.toSeconds()));
            resumptions.register(managed);
        }
        stream.manage(managed, enabled);
    }

    /** The client's max when it asks for less than the server's cap, else resumeSeconds; never beyond maxResumeSeconds. */
    private static long resumeSeconds(String asked, StreamManagementSettings current) {
        long cap = current.maxResumeSeconds();
        long preferred = Math.min(current.resumeSeconds(), cap);
        if (asked == null) {
            return preferred;
        }
        try {
            long max = Long.parseLong(asked.trim());
            return max > 0 ? Math.min(max, cap) : preferred;
        } catch (NumberFormatException e) {
            return preferred;
        }
    }

    private void resume(Element resume, Negotiation stream) {
        if (stream.session() != null) {
            stream.send(Sm.failed("unexpected-request")); // XEP-0198 5: instead of binding, not after
            return;
        }
        long h = Sm.h(resume);
        if (h < 0) {
            refuse(stream, "bad-request");
            return;
        }
        ManagedSession earlier = resumptions.find(resume.attributeValue("previd"));
        // another user's previd gets the same answer as an unknown one: it tells nothing
        if (earlier == null || !earlier.user().getNode().equals(stream.username())) {
            refuse(stream, "item-not-found");
            return;
        }
        String refusal = earlier.beginResume(h);
        if (refusal != null) {
            refuse(stream, refusal);
            return;
        }
        if (!stream.resume(earlier.session(), earlier::resumed)) {
            earlier.abortResume();
            refuse(stream, "item-not-found");
        }
    }

    private void refuse(Negotiation stream, String condition) {
        resumptions.refused(condition);
        stream.send(Sm.failed(condition));
    }
}
