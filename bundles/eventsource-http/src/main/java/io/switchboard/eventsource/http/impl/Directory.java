package io.switchboard.eventsource.http.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.switchboard.api.events.Team;

/** The teams, agents and supervisors one HTTP source is configured with. */
final class Directory {

    private final Map<String, Team> teams = new LinkedHashMap<>();
    /** Agent to its team; an agent without a team maps to an empty Optional. */
    private final Map<String, Optional<Team>> agents = new LinkedHashMap<>();
    private final Map<String, Set<String>> supervised = new HashMap<>();

    Directory(String pid, String[] teamEntries, String[] agentEntries, String[] supervisorEntries) {
        for (String entry : teamEntries) {
            String[] parts = split(pid, "teams", entry, true);
            teams.put(parts[0], new Team(parts[0], parts[1]));
        }
        for (String entry : agentEntries) {
            String[] parts = split(pid, "agents", entry, false);
            agents.put(parts[0], parts[1] == null ? Optional.empty() : Optional.of(team(pid, "agents", entry, parts[1])));
        }
        for (String entry : supervisorEntries) {
            String[] parts = split(pid, "supervisors", entry, true);
            Team team = team(pid, "supervisors", entry, parts[1]);
            supervised.computeIfAbsent(parts[0], id -> new HashSet<>()).add(team.id());
            agents.putIfAbsent(parts[0], Optional.of(team)); // a supervisor is an agent too
        }
    }

    /** The agent's team (empty when it has none), or null when the agent is not one of this source's. */
    Optional<Team> teamOf(String agent) {
        return agents.get(agent);
    }

    Team team(String id) {
        return teams.get(id);
    }

    Set<String> supervisedTeams(String userId) {
        return supervised.getOrDefault(userId, Set.of());
    }

    Set<String> agents() {
        return agents.keySet();
    }

    private Team team(String pid, String key, String entry, String id) {
        Team team = teams.get(id);
        if (team == null) {
            throw new IllegalArgumentException(pid + ": " + key + " entry '" + entry + "' names team " + id + ", which is not in 'teams'");
        }
        return team;
    }

    private static String[] split(String pid, String key, String entry, boolean valueRequired) {
        String[] parts = entry.split(":", 2);
        boolean bad = parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank()) || (valueRequired && parts.length != 2);
        if (bad) {
            throw new IllegalArgumentException(pid + ": " + key + " entry '" + entry + "' must look like id:value");
        }
        return new String[] {parts[0].trim(), parts.length == 2 ? parts[1].trim() : null};
    }
}
