package io.switchboard.api.events;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One typed event of a contact centre: {@link AgentStateEvent}, {@link TeamMembershipEvent},
 * {@link DialogEvent} or {@link QueueStatisticsEvent}. Sources create these records; they do not
 * implement this interface themselves.
 */
@ProviderType
public interface ContactCentreEvent {
}
