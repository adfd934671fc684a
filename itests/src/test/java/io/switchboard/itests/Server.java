package io.switchboard.itests;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.xmpp.packet.JID;

import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.session.SessionRegistry;

/** What tests do to the running server from inside the container, as an operator would. */
public final class Server {

    public static final String SIMULATOR = "io.switchboard.eventsource-simulator";

    private Server() {
    }

    /**
     * Waits until every Switchboard component is satisfied and the simulator (which creates the
     * pubsub nodes) is active; a failure names the components that are not.
     */
    public static void awaitReady(BundleContext context) {
        await("Switchboard components").atMost(Duration.ofSeconds(60)).until(() -> notReady(context), List::isEmpty);
        // The probe reaches JAXP, SAX and DOM through dynamic imports, which Felix cannot wire while it
        // resolves another bundle: a test installing one as notifications arrived saw every listener fail
        // with NoClassDefFoundError for org.xml.sax.InputSource. Wired here, on the test's thread, first.
        Xml.parse("<wired/>").getTextContent();
    }

    private static List<String> notReady(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        List<String> problems = new ArrayList<>();
        if (reference == null) {
            problems.add("Declarative Services is not running");
            return problems;
        }
        ServiceComponentRuntime runtime = context.getService(reference);
        try {
            boolean simulatorActive = false;
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("io.switchboard")) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                    if (configuration.state != ComponentConfigurationDTO.ACTIVE
                            && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                        problems.add(description.name + " is in state " + configuration.state
                                + (configuration.failure == null ? "" : ": " + configuration.failure));
                    }
                    simulatorActive |= description.bundle.symbolicName.equals(SIMULATOR)
                            && configuration.state == ComponentConfigurationDTO.ACTIVE;
                }
            }
            if (!simulatorActive) {
                problems.add("the simulator is not active");
            }
            return problems;
        } finally {
            context.ungetService(reference);
        }
    }

    /** Runs a Gogo command, as typed in the shell; returns what it printed and returned. */
    public static String gogo(BundleContext context, String command) throws Exception {
        ServiceReference<CommandProcessor> reference = context.getServiceReference(CommandProcessor.class);
        CommandProcessor processor = context.getService(reference);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out);
            Object result = session.execute(command);
            session.close();
            return output.toString(StandardCharsets.UTF_8) + (result == null ? "" : result);
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * Runs a Gogo command of a component that is (re)starting: a configuration File Install applies
     * restarts its component, and the command is missing until the component is back.
     */
    public static String gogoOnceThere(BundleContext context, String command) {
        return await(command).ignoreExceptions().until(() -> gogo(context, command), Objects::nonNull);
    }

    /** Adds users with the test password through the operator's Gogo command. */
    public static void addUsers(BundleContext context, String... users) throws Exception {
        for (String user : users) {
            gogo(context, "switchboard:adduser " + user + " " + SwitchboardOptions.PASSWORD);
        }
    }

    /**
     * What the server verified a session supports, asked as another bundle would. (Here, so that
     * the test classes never name the server's API types: they load outside the container too.)
     */
    public static Optional<Set<String>> verifiedFeatures(BundleContext context, String fullJid) {
        ServiceReference<EntityCapabilities> reference = context.getServiceReference(EntityCapabilities.class);
        try {
            return context.getService(reference).features(new JID(fullJid));
        } finally {
            context.ungetService(reference);
        }
    }

    /** The transport that carries this session, e.g. {@code tcp}. */
    public static String sessionTransport(BundleContext context, String fullJid) {
        ServiceReference<SessionRegistry> reference = context.getServiceReference(SessionRegistry.class);
        try {
            return context.getService(reference).session(new JID(fullJid)).orElseThrow().transport();
        } finally {
            context.ungetService(reference);
        }
    }

    /** How many authentication providers of the bundle auth-KIND are registered now. */
    public static int authProviders(BundleContext context, String kind) throws InvalidSyntaxException {
        ServiceReference<?>[] references = context.getServiceReferences("io.switchboard.api.auth.AuthProvider", null);
        int count = 0;
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Bundle bundle = reference.getBundle();
            count += bundle != null && ("io.switchboard.auth-" + kind).equals(bundle.getSymbolicName()) ? 1 : 0;
        }
        return count;
    }

    public static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
