package io.switchboard.accounts.impl;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.accounts.AccountStoreException;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.api.session.SessionRegistry;

/**
 * XEP-0050 ad-hoc commands at the server's domain, offering the XEP-0133 service administration
 * commands to the administrators in configuration; anyone else gets {@code forbidden}.
 *
 * <p>Stateless: a command's first step answers with its form and a fresh session id, and the
 * submitted form carries all the command needs, so nothing is kept between the steps.
 */
@Component(configurationPid = AdminCommands.PID, service = {StanzaHandler.class, AdminCommands.class}, property = {
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + AdminCommands.NS,
        StanzaHandler.DISCO_FEATURE + "=" + AdminCommands.NS})
@Designate(ocd = AdminConfiguration.class)
public class AdminCommands implements StanzaHandler {

    static final String PID = "io.switchboard.accounts.admin";
    static final String NS = "http://jabber.org/protocol/commands";
    private static final String DATA = "jabber:x:data";
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommands.class);

    private final Router router;
    private final SessionRegistry sessions;
    private final ActiveAccountStore accounts;
    private final Admins admins;
    private final Map<String, AdminCommand> commands = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Activate
    public AdminCommands(@Reference Router router, @Reference SessionRegistry sessions,
            @Reference ActiveAccountStore accounts, AdminConfiguration config) {
        this.router = router;
        this.sessions = sessions;
        this.accounts = accounts;
        this.admins = new Admins(config.admins(), router.domain());
        List<AdminCommand> all = new ArrayList<>(List.of(new AddUser(), AccountsCommand.deleteUser(),
                AccountsCommand.disableUser(), AccountsCommand.reenableUser(), new ChangeUserPassword(), new EndUserSession()));
        all.addAll(UserCount.all());
        all.add(new Announce());
        all.forEach(command -> commands.put(command.node(), command));
        if (admins.isEmpty()) {
            LOG.info("{}: no administrators configured (key 'admins'): the service administration commands are off", PID);
        }
    }

    boolean isAdmin(JID address) {
        return admins.contains(address);
    }

    /** The commands an administrator may run, in the order listed. */
    Iterable<AdminCommand> commands() {
        return commands.values();
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ request = (IQ) packet;
        if (request.getType() != IQ.Type.set) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "commands are run with set");
        }
        if (!admins.contains(request.getFrom())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only administrators may run commands");
        }
        Element asked = request.getChildElement();
        AdminCommand command = commands.get(asked.attributeValue("node"));
        if (command == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such command: " + asked.attributeValue("node"));
        }
        String sessionId = asked.attributeValue("sessionid");
        if (sessionId == null || sessionId.isBlank()) {
            sessionId = newSessionId();
        }
        Element form = asked.element(QName.get("x", DATA));
        if ("cancel".equals(asked.attributeValue("action")) || (form != null && "cancel".equals(form.attributeValue("type")))) {
            router.route(answer(request, command, sessionId, "canceled"));
            return;
        }
        CommandContext context = new CommandContext(accounts, sessions, router, request.getFrom());
        try {
            if (command.needsAccounts()) {
                context.store(); // told before the form is filled in
            }
            if (form == null && command.form() != null) {
                IQ executing = answer(request, command, sessionId, "executing");
                Element actions = executing.getChildElement().addElement("actions").addAttribute("execute", "complete");
                actions.addElement("complete");
                executing.getChildElement().add(command.form().getElement().createCopy());
                router.route(executing);
                return;
            }
            CommandResult result = command.run(form == null ? null : new DataForm(form), context);
            IQ completed = answer(request, command, sessionId, "completed");
            if (result.note() != null) {
                completed.getChildElement().addElement("note").addAttribute("type", "info").setText(result.note());
            }
            if (result.form() != null) {
                completed.getChildElement().add(result.form().getElement().createCopy());
            }
            LOG.info("{} ran {}: {}", request.getFrom().toBareJID(), command.node(), result.note() == null ? "done" : result.note());
            router.route(completed);
        } catch (ReadOnlyAccountsException e) {
            router.route(readOnly(request, command, sessionId, e.getMessage()));
        } catch (AccountStoreException e) {
            throw new StanzaErrorException(PacketError.Condition.internal_server_error, e.getMessage());
        }
    }

    private String newSessionId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static IQ answer(IQ request, AdminCommand command, String sessionId, String status) {
        IQ answer = IQ.createResultIQ(request);
        answer.setChildElement("command", NS).addAttribute("node", command.node())
                .addAttribute("sessionid", sessionId).addAttribute("status", status);
        return answer;
    }

    /**
     * The store cannot be written: the command completes, its note of type error naming the
     * provider, in an error of type {@code not-allowed}.
     */
    private static IQ readOnly(IQ request, AdminCommand command, String sessionId, String why) {
        IQ error = answer(request, command, sessionId, "completed");
        error.setType(IQ.Type.error);
        error.getChildElement().addElement("note").addAttribute("type", "error").setText(why);
        error.setError(new StanzaErrorException(PacketError.Condition.not_allowed, why).toPacketError());
        return error;
    }
}
