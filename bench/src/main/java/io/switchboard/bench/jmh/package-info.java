/**
 * JMH microbenchmarks of the server's hot paths, run by {@code bench/jmh}: a WebSocket frame parsed
 * into a stanza, a notification written for each subscriber, a password checked against its salted
 * credential.
 */
package io.switchboard.bench.jmh;
