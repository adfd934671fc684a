package io.switchboard.bench;

import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class TableTest {

    @Test
    public void idleManyIsARowOfItsOwnBesideIdle() {
        String table = Table.table(List.of(
                "{\"scenario\":\"idle\",\"n\":2000,\"sessions_up\":2000,\"rss_mib\":300.0,\"server\":\"switchboard\"}",
                "{\"scenario\":\"idle\",\"many\":\"yes\",\"n\":20000,\"sessions_held\":19882,\"sessions_up\":19882,\"server\":\"switchboard\"}",
                "{\"scenario\":\"idle\",\"server\":\"prosody\",\"many\":\"yes\",\"failed\":\"see the load generator's log\"}"),
                List.of("switchboard", "prosody"));

        assertTrue(table, table.contains("| idle (n=2000) | sessions answering a ping |  | 2000 | – |"));
        assertTrue(table, table.contains("| idle many (n=20000) | sessions held | higher | 19882 | failed | – |"));
    }

    @Test
    public void aScenarioAPeerCannotRunSaysWhy() {
        String table = Table.table(List.of(
                "{\"scenario\":\"contact-centre\",\"agents\":2000,\"teams\":100,\"p99_ms\":12.5,\"server\":\"switchboard\"}",
                "{\"scenario\":\"contact-centre\",\"server\":\"ejabberd\",\"skipped\":\"no simulator\"}"),
                List.of("switchboard", "ejabberd"));

        assertTrue(table, table.contains(
                "| contact-centre (2000 agents, 100 teams) | change→desktop p99 ms | lower | 12.5 | n/a (no simulator) | – |"));
    }
}
