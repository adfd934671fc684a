package io.switchboard.console.impl;

import java.io.PrintWriter;
import java.util.List;

/** The little HTML the Switchboard console pages write: escaped text in the console's own table style. */
final class Html {

    private Html() {
    }

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A table with a caption line, a header row and the rows, every cell escaped. */
    static void table(PrintWriter out, String id, String caption, List<String> headers, List<List<Object>> rows) {
        out.println("<p class=\"statline\">" + escape(caption) + "</p>");
        out.println("<table id=\"" + id + "\" class=\"tablesorter nicetable\"><thead><tr>");
        headers.forEach(header -> out.println("<th>" + escape(header) + "</th>"));
        out.println("</tr></thead><tbody>");
        for (List<Object> row : rows) {
            out.print("<tr>");
            row.forEach(cell -> out.print("<td>" + escape(cell) + "</td>"));
            out.println("</tr>");
        }
        out.println("</tbody></table>");
    }
}
