package io.switchboard.api.agent;

import java.util.Optional;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The agents an event source (an ACD, the simulator) knows, as Finesse's REST API shows them, and
 * the state changes an agent asks for. Several may be registered; the server asks each in turn.
 * Documents are new elements the caller may keep.
 */
@ConsumerType
public interface AgentStates {

    /**
     * The user as Finesse's {@code GET /finesse/api/User/<id>} writes it: {@code <User>} with
     * {@code loginId}, {@code state}, {@code reasonCodeId}, {@code stateChangeTime}, {@code teamId},
     * {@code roles} and, for a supervisor, {@code <teams><Team><id>…}; empty when unknown here.
     */
    Optional<Element> user(String userId);

    /**
     * The team as {@code GET /finesse/api/Team/<id>} writes it: {@code <Team>} with {@code id},
     * {@code name} and {@code <users>} holding each member's {@code <User>} with its state; empty
     * when unknown here.
     */
    Optional<Element> team(String teamId);

    /**
     * Changes the agent's state, as a Finesse desktop does with {@code PUT /finesse/api/User/<id>};
     * the change is published like any other.
     *
     * @param state {@code READY} or {@code NOT_READY}
     * @param reasonCodeId the id of a {@code NOT_READY} reason code, or {@code null} for none
     * @return false when this source does not know the user
     * @throws IllegalArgumentException for a state or reason code this source does not know, with a message saying which
     * @throws IllegalStateException when the agent cannot move to that state now (e.g. while talking), with a message saying why
     */
    boolean changeState(String userId, String state, String reasonCodeId);
}
