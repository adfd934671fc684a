package io.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A share of the idle scenario's sessions, held open: in this JVM, or in a child JVM that holds them
 * and answers over its standard input and output. One process opens at most its open-files limit of
 * sockets, and only a privileged user raises the hard limit, so tens of thousands of sessions are
 * held by several processes. The child's protocol, one line each way: it prints {@code held UP
 * ERRORS} when its logins are done; {@code ping} makes it ping through every session and print
 * {@code answered UP ERRORS}; {@code close} (or the end of its input) closes them and ends it.
 */
interface Holder extends AutoCloseable {

    /** Waits for the logins; {up, errors}. */
    int[] held();

    /** A ping through every session, waiting for each answer; {answered, errors}. */
    int[] ping();

    /** The process holding the sessions, for its memory. */
    long pid();

    @Override
    void close();

    /** Sessions in this JVM: bench{first}..bench{last}, logged in c at a time. */
    static Holder local(Bench bench, int first, int last, int c) throws InterruptedException {
        List<XmppClient> sessions = new ArrayList<>(); // every connection, to close
        List<XmppClient> loggedIn = java.util.Collections.synchronizedList(new ArrayList<>()); // to ping
        AtomicInteger errors = new AtomicInteger();
        bench.connectMany(first, last, c, (i, client) -> {
            client.login(bench.domain(), "bench" + i, bench.password(), "idle");
            loggedIn.add(client);
        }, sessions, errors);
        return new Holder() {
            @Override
            public int[] held() {
                return new int[] {loggedIn.size(), errors.get()};
            }

            @Override
            public int[] ping() {
                // many in flight: one at a time, 20,000 round trips would take longer than the logins
                Semaphore inFlight = new Semaphore(256);
                AtomicInteger answered = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                for (XmppClient client : loggedIn) {
                    inFlight.acquireUninterruptibly();
                    try {
                        client.iqAsync("get", bench.domain(), "<ping xmlns='urn:xmpp:ping'/>")
                                .orTimeout(30, TimeUnit.SECONDS)
                                .whenComplete((answer, failure) -> {
                                    (failure == null && XmppClient.isResult(answer) ? answered : failed).incrementAndGet();
                                    inFlight.release();
                                });
                    } catch (RuntimeException e) { // the connection is gone
                        failed.incrementAndGet();
                        inFlight.release();
                    }
                }
                inFlight.acquireUninterruptibly(256);
                return new int[] {answered.get(), failed.get()};
            }

            @Override
            public long pid() {
                return ProcessHandle.current().pid();
            }

            @Override
            public void close() {
                // in parallel: 20,000 closing handshakes one after another take minutes
                ExecutorService closing = Executors.newFixedThreadPool(16);
                sessions.forEach(client -> closing.execute(client::close));
                closing.shutdown();
                try {
                    closing.awaitTermination(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Runs this JVM as a child holding its share ({@code Bench hold}), driven over standard input. */
    static void serve(Holder holder, PrintStream out) throws IOException {
        int[] held = holder.held();
        out.println("held " + held[0] + " " + held[1]);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("close"); line = in.readLine()) {
            if (line.equals("ping")) {
                int[] answered = holder.ping();
                out.println("answered " + answered[0] + " " + answered[1]);
                out.flush();
            }
        }
        holder.close();
    }

    /**
     * A child JVM with this one's class path holding bench{first}..bench{last}; the options are passed
     * on as they are. Its standard error goes to ours.
     */
    static Holder child(List<String> options, int first, int last, int c) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bench.class.getName(), "hold"));
        command.addAll(options);
        command.addAll(List.of("first=" + first, "last=" + last, "c=" + c));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        return new Holder() {
            @Override
            public int[] held() {
                return expect("held");
            }

            @Override
            public int[] ping() {
                say("ping");
                return expect("answered");
            }

            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public void close() {
                try {
                    say("close");
                    if (!process.waitFor(3, TimeUnit.MINUTES)) {
                        process.destroyForcibly();
                    }
                } catch (RuntimeException e) {
                    process.destroyForcibly(); // it ended already
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }

            private void say(String line) {
                try {
                    in.write(line + "\n");
                    in.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private int[] expect(String word) {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        String[] parts = line.split(" ");
                        if (parts.length == 3 && parts[0].equals(word)) {
                            return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("the child holding bench" + first + "..bench" + last + " ended without '"
                        + word + "'");
            }
        };
    }
}
