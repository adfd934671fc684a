/**
 * Event sources and the typed contact-centre events they publish: agent states, team membership,
 * dialogs and queue statistics. A source hands events to {@link io.switchboard.api.events.EventSink};
 * the server turns them into publish-subscribe items on the nodes of its node scheme (by default
 * Finesse's, each item an escaped {@code <Update>}).
 */
@Export
@Version("1.2.0")
package io.switchboard.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
