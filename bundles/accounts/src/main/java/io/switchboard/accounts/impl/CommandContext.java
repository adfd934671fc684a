package io.switchboard.accounts.impl;

import java.util.Collection;

import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/** What a command works with: the accounts, the sessions, the router; and who runs it. */
record CommandContext(ActiveAccountStore accounts, SessionRegistry sessions, Router router, JID admin) {

    AccountStore store() throws ReadOnlyAccountsException {
        return accounts.writable();
    }

    String domain() {
        return router.domain();
    }

    /**
     * Ends every session of the account: deleted or disabled, it may not go on as if it could
     * still log in (RFC 6120 4.9.3.12 {@code not-authorized}).
     *
     * @return how many sessions were ended
     */
    int endSessions(JID account, StreamError.Condition condition) {
        Collection<ClientSession> open = account.getResource() == null
                ? sessions.sessions(account) : sessions.session(account).stream().toList();
        open.forEach(session -> session.close(condition));
        return open.size();
    }
}
