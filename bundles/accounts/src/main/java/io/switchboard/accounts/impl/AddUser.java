package io.switchboard.accounts.impl;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** XEP-0133 4.1: creates an account with a password, given twice. */
final class AddUser implements AdminCommand {

    @Override
    public String node() {
        return NODE_PREFIX + "add-user";
    }

    @Override
    public String name() {
        return "Add a User";
    }

    @Override
    public DataForm form() {
        DataForm form = AdminForms.form("Adding a User", "Fill out this form to add a user.");
        AdminForms.field(form, "accountjid", "The Jabber ID for the account to be added", FormField.Type.jid_single);
        AdminForms.field(form, "password", "The password for this account", FormField.Type.text_private);
        AdminForms.field(form, "password-verify", "Retype password", FormField.Type.text_private);
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
        FormField verify = submitted.getField("password-verify");
        if (verify != null && !password.equals(verify.getFirstValue())) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "the two passwords differ");
        }
        if (!context.store().create(account.getNode(), password)) {
            throw new StanzaErrorException(PacketError.Condition.conflict, account.toBareJID() + " exists already");
        }
        return CommandResult.note("Added " + account.toBareJID());
    }
}
