package io.switchboard.itests;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;

/** Many clients logged in at once, each with its own user, to show that what happens to logins leaves them be. */
public final class LiveSessions implements AutoCloseable {

    private final List<RawXmppClient> clients = new ArrayList<>();

    private LiveSessions() {
    }

    /** Creates the users (name0, name1, …) in the users file and logs each in over its own connection. */
    public static LiveSessions login(BundleContext context, String name, int count) throws Exception {
        LiveSessions sessions = new LiveSessions();
        try {
            for (int i = 0; i < count; i++) {
                Server.addUsers(context, name + i);
                RawXmppClient client = RawXmppClient.connect();
                sessions.clients.add(client);
                client.login(name + i, "desktop");
            }
            return sessions;
        } catch (Exception | AssertionError e) {
            sessions.close();
            throw e;
        }
    }

    /** Every client pings the server and gets its answer: every session still works. */
    public void pingAll(String id) throws InterruptedException {
        for (RawXmppClient client : clients) {
            client.ping(id);
        }
    }

    @Override
    public void close() {
        clients.forEach(RawXmppClient::close);
    }
}
