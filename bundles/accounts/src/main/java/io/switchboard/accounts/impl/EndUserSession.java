package io.switchboard.accounts.impl;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * XEP-0133 4.9: ends the sessions of the JIDs given, a full JID's one session or a bare JID's
 * every one, with a {@code policy-violation} stream error: the server's policy, not the client's
 * fault. The account stays as it is, and may log in again.
 */
final class EndUserSession implements AdminCommand {

    @Override
    public String node() {
        return NODE_PREFIX + "end-user-session";
    }

    @Override
    public String name() {
        return "End User Session";
    }

    @Override
    public DataForm form() {
        DataForm form = AdminForms.form("Ending a User Session", "Fill out this form to end a user's session.");
        AdminForms.field(form, "accountjids", "The Jabber ID(s) for which to end sessions", FormField.Type.jid_multi);
        return form;
    }

    @Override
    public boolean needsAccounts() {
        return false;
    }

    @Override
    public CommandResult run(DataForm submitted, CommandContext context) throws StanzaErrorException {
        int ended = 0;
        for (JID account : AdminForms.accounts(submitted, "accountjids", context.domain())) {
            ended += context.endSessions(account, StreamError.Condition.policy_violation);
        }
        return CommandResult.note("Ended " + ended + (ended == 1 ? " session" : " sessions"));
    }
}
