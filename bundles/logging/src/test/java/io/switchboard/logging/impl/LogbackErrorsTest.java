package io.switchboard.logging.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;

public class LogbackErrorsTest {

    @Test
    public void errorsAreSaidAtOnceAndTheRestIsNotAndItOutlivesAReset() {
        LoggerContext context = new LoggerContext();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogbackErrors errors = new LogbackErrors(context.getStatusManager(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        context.getStatusManager().add(new InfoStatus("Found resource [config/logback.xml]", this));
        context.reset();
        context.getStatusManager().add(new ErrorStatus("XML_PARSING - Parsing fatal error on line 65 and column 5", this,
                new IllegalStateException("systemId: file:/opt/switchboard/config/logback.xml")));

        String said = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(said, 1, said.lines().count());
        assertTrue(said, said.contains(" ERROR Logback: XML_PARSING - Parsing fatal error on line 65 and column 5"
                + " (java.lang.IllegalStateException: systemId: file:/opt/switchboard/config/logback.xml)"));
        errors.deactivate();
        assertTrue(context.getStatusManager().getCopyOfStatusListenerList().isEmpty());
    }
}
