package io.switchboard.accounts.impl;

import java.util.List;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.session.ClientSession;

/** XEP-0133 4.23: a message from the server to every session bound now. */
final class Announce implements AdminCommand {

    @Override
    public String node() {
        return NODE_PREFIX + "announce";
    }

    @Override
    public String name() {
        return "Send Announcement to Online Users";
    }

    @Override
    public DataForm form() {
        DataForm form = AdminForms.form("Making an Announcement", "Fill out this form to make an announcement to all active users of this service.");
        form.addField("subject", "Subject", FormField.Type.text_single);
        AdminForms.field(form, "announcement", "Announcement", FormField.Type.text_multi);
        return form;
    }

    @Override
    public boolean needsAccounts() {
        return false;
    }

    @Override
    public CommandResult run(DataForm submitted, CommandContext context) throws StanzaErrorException {
        FormField announcement = submitted == null ? null : submitted.getField("announcement");
        List<String> lines = announcement == null ? List.of() : announcement.getValues();
        String body = String.join("\n", lines);
        if (body.isBlank()) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the field announcement is required");
        }
        FormField subject = submitted.getField("subject");
        int sent = 0;
        for (ClientSession session : context.sessions().all()) {
            Message message = new Message();
            message.setFrom(context.domain());
            message.setTo(session.address());
            message.setType(Message.Type.normal);
            if (subject != null && subject.getFirstValue() != null && !subject.getFirstValue().isBlank()) {
                message.setSubject(subject.getFirstValue());
            }
            message.setBody(body);
            context.router().route(message);
            sent++;
        }
        return CommandResult.note("Sent to " + sent + (sent == 1 ? " session" : " sessions"));
    }
}
