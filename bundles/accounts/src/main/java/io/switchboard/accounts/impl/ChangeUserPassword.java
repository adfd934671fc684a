package io.switchboard.accounts.impl;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** XEP-0133 4.7: gives an account a new password; its open sessions go on. */
final class ChangeUserPassword implements AdminCommand {

    @Override
    public String node() {
        return NODE_PREFIX + "change-user-password";
    }

    @Override
    public String name() {
        return "Change User Password";
    }

    @Override
    public DataForm form() {
        DataForm form = AdminForms.form("Changing a User Password", "Fill out this form to change a user's password.");
        AdminForms.field(form, "accountjid", "The Jabber ID for this account", FormField.Type.jid_single);
        AdminForms.field(form, "password", "The password for this account", FormField.Type.text_private);
        return form;
    }

    @Override
    public boolean needsAccounts() {
        return true;
    }

    @Override
    public CommandResult run(DataForm submitted, CommandContext context) throws StanzaErrorException, ReadOnlyAccountsException {
        JID account = AdminForms.account(submitted, "accountjid", context.domain());
        String password = NewPasswords.check(AdminForms.required(submitted, "password"));
        if (!context.store().changePassword(account.getNode(), password)) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "no account " + account.toBareJID());
        }
        return CommandResult.note("Changed the password of " + account.toBareJID());
    }
}
