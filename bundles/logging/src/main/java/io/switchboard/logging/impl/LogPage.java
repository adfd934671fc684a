package io.switchboard.logging.impl;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;
import org.owasp.encoder.Encode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Console page: the last entries of the log from every source (SLF4J, the OSGi Log Service,
 * java.util.logging), as the log file has them. The console's own Log Service page shows only the
 * OSGi Log Service's entries.
 */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=switchboard-log",
        ServletConstants.PLUGIN_TITLE + "=Log",
        ServletConstants.PLUGIN_CATEGORY + "=Switchboard"})
public class LogPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private static final int ENTRIES = 200;

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Logback logback = Logback.bound();
        PrintWriter out = response.getWriter();
        if (!logback.keepsRecent()) {
            out.println("<p class=\"statline\">No entries kept: config/logback.xml has no appender named "
                    + Logback.RECENT + " on the root logger.</p>");
            return;
        }
        List<String> lines = logback.recent(ENTRIES);
        out.println("<p class=\"statline\">The last " + lines.size() + " entries, newest last; all of them in logs/switchboard.log."
                + " Levels: config/logback.xml, or switchboard:loglevel in the shell.</p>");
        out.print("<pre id=\"switchboard-log\" style=\"white-space: pre-wrap\">");
        lines.forEach(line -> out.print(Encode.forHtml(line)));
        out.println("</pre>");
    }
}
