package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** With {@code tls = true} the component listener speaks TLS from the first byte, with the server's certificate. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExternalComponentTlsIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(ExternalComponentTlsIT.class, Map.of(
                "io.switchboard.component.external", List.of("tls = true"),
                "io.switchboard.component.external.account-acd", List.of(
                        "subdomain = acd", "secret = " + ExternalComponentIT.SECRET)));
    }

    @Test
    public void aComponentHandshakesOverTlsAndPlainTextGetsNowhere() throws Exception {
        Server.awaitReady(context);
        try (RawTcpClient component = RawTcpClient.connectTls(SwitchboardOptions.componentPort())) {
            assertEquals("handshake", Xml.name(ExternalComponentIT.handshake(component, ExternalComponentIT.SECRET)));
        }
        try (RawTcpClient plain = RawTcpClient.connectComponent()) {
            plain.openComponent("acd." + DOMAIN);
            fail("a plain-text stream was answered");
        } catch (IOException | javax.xml.stream.XMLStreamException expected) {
            // the TLS listener takes the plain-text header for a broken handshake and drops the connection
        }
    }
}
