package io.switchboard.example.eventsource;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The source's settings, read from config/io.switchboard.example.csv.cfg. Declaring them as an
 * annotation gives typed values with defaults, and a form in any metatype-aware console.
 */
@ObjectClassDefinition(name = "Switchboard example: agent states from a CSV file",
        description = "Reads lines loginId,teamId,teamName,state[,reasonCode,reasonLabel] and publishes every change.")
public @interface CsvSourceConfiguration {

    @AttributeDefinition(name = "File", description = "The CSV file to watch; relative paths are from the server's folder.")
    String file() default "data/agent-states.csv";

    @AttributeDefinition(name = "Poll", description = "Milliseconds between two looks at the file.")
    long pollMillis() default 1000;
}
