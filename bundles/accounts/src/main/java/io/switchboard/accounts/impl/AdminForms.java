package io.switchboard.accounts.impl;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** The XEP-0133 forms: made with their FORM_TYPE, read back field by field with the error a wrong one deserves. */
final class AdminForms {

    static final String FORM_TYPE = "http://jabber.org/protocol/admin";

    private AdminForms() {
    }

    /** A form to fill in, with the FORM_TYPE every XEP-0133 form carries. */
    static DataForm form(String title, String instructions) {
        DataForm form = new DataForm(DataForm.Type.form);
        form.setTitle(title);
        form.addInstruction(instructions);
        hidden(form);
        return form;
    }

    /** A form of results. */
    static DataForm result() {
        DataForm form = new DataForm(DataForm.Type.result);
        hidden(form);
        return form;
    }

    private static void hidden(DataForm form) {
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(FORM_TYPE);
    }

    static FormField field(DataForm form, String var, String label, FormField.Type type) {
        FormField field = form.addField(var, label, type);
        field.setRequired(true);
        return field;
    }

    /** The field's first value, trimmed. */
    static String required(DataForm submitted, String var) throws StanzaErrorException {
        FormField field = submitted == null ? null : submitted.getField(var);
        String value = field == null ? null : field.getFirstValue();
        if (value == null || value.isBlank()) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the field " + var + " is required");
        }
        return value;
    }

    /** The account the field names: a JID of this server's domain with a local part. */
    static JID account(DataForm submitted, String var, String domain) throws StanzaErrorException {
        return account(required(submitted, var).trim(), var, domain);
    }

    /** The accounts a jid-multi field names, at least one. */
    static List<JID> accounts(DataForm submitted, String var, String domain) throws StanzaErrorException {
        FormField field = submitted == null ? null : submitted.getField(var);
        List<JID> accounts = new ArrayList<>();
        for (String value : field == null ? List.<String>of() : field.getValues()) {
            if (!value.isBlank()) {
                accounts.add(account(value.trim(), var, domain));
            }
        }
        if (accounts.isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the field " + var + " needs at least one JID");
        }
        return accounts;
    }

    private static JID account(String text, String var, String domain) throws StanzaErrorException {
        JID jid;
        try {
            jid = new JID(text);
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, var + ": '" + text + "' is no JID");
        }
        if (jid.getNode() == null || !domain.equals(jid.getDomain())) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed,
                    var + ": " + jid + " is no account of " + domain);
        }
        return jid;
    }
}
