package io.switchboard.api.directory;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The people of a contact centre as an event source knows them (an ACD, a CRM, the simulator).
 * Several may be registered; the server asks all of them.
 */
@ConsumerType
public interface ContactCentreDirectory {

    /**
     * The ids of the teams this user supervises; empty when none (or the user is unknown here).
     *
     * @param userId the user's id, which is the local part of the user's JID
     */
    Set<String> supervisedTeams(String userId);
}
