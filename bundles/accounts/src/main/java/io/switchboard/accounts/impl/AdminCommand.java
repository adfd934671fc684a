package io.switchboard.accounts.impl;

import org.xmpp.forms.DataForm;

import io.switchboard.api.routing.StanzaErrorException;

/** One XEP-0133 command: its node, the form an administrator fills in, and what it does with it. */
interface AdminCommand {

    String NODE_PREFIX = "http://jabber.org/protocol/admin#";

    /** The command's node, e.g. {@code http://jabber.org/protocol/admin#add-user}. */
    String node();

    /** The name shown in a client's list of commands. */
    String name();

    /** The form to fill in first, or null for a command that runs at once. */
    DataForm form();

    /** True when the command reads or writes accounts, and so needs a store that can be written. */
    boolean needsAccounts();

    /**
     * Runs the command.
     *
     * @param submitted the form as the administrator submitted it; null for a command without one
     * @throws StanzaErrorException for a form that cannot be run (a missing field, an account that does not exist)
     * @throws ReadOnlyAccountsException when the active provider cannot write accounts
     */
    CommandResult run(DataForm submitted, CommandContext context) throws StanzaErrorException, ReadOnlyAccountsException;
}
