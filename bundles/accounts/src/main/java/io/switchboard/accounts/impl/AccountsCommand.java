package io.switchboard.accounts.impl;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.routing.StanzaErrorException;

/**
 * The commands that do one thing to each of several accounts named in {@code accountjids}:
 * delete (4.2), disable (4.3), re-enable (4.4). A deleted or disabled account's sessions end.
 */
final class AccountsCommand implements AdminCommand {

    /** What the command does to one account; false when there is no such account. */
    private interface Change {
        boolean apply(AccountStore store, String username);
    }

    private final String node;
    private final String name;
    private final String done;
    private final Change change;
    private final boolean endsSessions;

    private AccountsCommand(String node, String name, String done, Change change, boolean endsSessions) {
        this.node = node;
        this.name = name;
        this.done = done;
        this.change = change;
        this.endsSessions = endsSessions;
    }

    static AccountsCommand deleteUser() {
        return new AccountsCommand("delete-user", "Delete a User", "Deleted", AccountStore::delete, true);
    }

    static AccountsCommand disableUser() {
        return new AccountsCommand("disable-user", "Disable a User", "Disabled",
                (store, user) -> store.setDisabled(user, true), true);
    }

    static AccountsCommand reenableUser() {
        return new AccountsCommand("reenable-user", "Re-Enable a User", "Re-enabled",
                (store, user) -> store.setDisabled(user, false), false);
    }

    @Override
    public String node() {
        return NODE_PREFIX + node;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DataForm form() {
        DataForm form = AdminForms.form(name, "Fill out this form to " + name.toLowerCase() + ".");
        AdminForms.field(form, "accountjids", "The Jabber ID(s) of the accounts", FormField.Type.jid_multi);
        return form;
    }

    @Override
    public boolean needsAccounts() {
        return true;
    }

    @Override
    public CommandResult run(DataForm submitted, CommandContext context) throws StanzaErrorException, ReadOnlyAccountsException {
        List<JID> accounts = AdminForms.accounts(submitted, "accountjids", context.domain());
        AccountStore store = context.store();
        List<String> changed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JID account : accounts) {
            if (change.apply(store, account.getNode())) {
                changed.add(account.toBareJID());
                if (endsSessions) {
                    context.endSessions(account.asBareJID(), StreamError.Condition.not_authorized);
                }
            } else {
                unknown.add(account.toBareJID());
            }
        }
        StringBuilder note = new StringBuilder(done).append(": ").append(changed.isEmpty() ? "none" : String.join(", ", changed));
        if (!unknown.isEmpty()) {
            note.append("; no such account: ").append(String.join(", ", unknown));
        }
        return CommandResult.note(note.toString());
    }
}
