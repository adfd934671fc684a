package io.switchboard.accounts.impl;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

import io.switchboard.api.session.ClientSession;

/**
 * The commands that run at once and answer with users: registered (4.15, 4.16) or online (4.17,
 * 4.18), as a number or a list of bare JIDs.
 */
final class UserCount implements AdminCommand {

    private final boolean registered;
    private final boolean list;

    private UserCount(boolean registered, boolean list) {
        this.registered = registered;
        this.list = list;
    }

    static UserCount registeredNum() {
        return new UserCount(true, false);
    }

    static UserCount registeredList() {
        return new UserCount(true, true);
    }

    static UserCount onlineNum() {
        return new UserCount(false, false);
    }

    static UserCount onlineList() {
        return new UserCount(false, true);
    }

    private String which() {
        return registered ? "registered" : "online";
    }

    @Override
    public String node() {
        return NODE_PREFIX + "get-" + which() + "-users-" + (list ? "list" : "num");
    }

    @Override
    public String name() {
        return (list ? "Get List of " : "Get Number of ") + (registered ? "Registered" : "Online") + " Users";
    }

    @Override
    public DataForm form() {
        return null;
    }

    @Override
    public boolean needsAccounts() {
        return registered;
    }

    @Override
    public CommandResult run(DataForm submitted, CommandContext context) throws ReadOnlyAccountsException {
        Collection<String> users = new TreeSet<>();
        if (registered) {
            context.store().list().forEach(user -> users.add(user + "@" + context.domain()));
        } else {
            for (ClientSession session : context.sessions().all()) {
                users.add(session.address().toBareJID());
            }
        }
        DataForm result = AdminForms.result();
        if (list) {
            FormField field = result.addField(which() + "userjids", "The list of " + which() + " users", FormField.Type.jid_multi);
            users.forEach(field::addValue);
        } else {
            result.addField(which() + "usersnum", "The number of " + which() + " users", FormField.Type.text_single)
                    .addValue(String.valueOf(users.size()));
        }
        return CommandResult.form(result);
    }

    /** Every variant, for the handler's list. */
    static List<UserCount> all() {
        return List.of(registeredNum(), registeredList(), onlineNum(), onlineList());
    }
}
