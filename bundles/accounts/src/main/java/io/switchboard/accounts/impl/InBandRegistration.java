package io.switchboard.accounts.impl;

import java.time.Clock;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import io.switchboard.api.accounts.AccountStoreException;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/**
 * XEP-0077 3.1: a client creates its account before it authenticates, with the IQs the stream
 * hands over before SASL. Offered ({@code <register xmlns='http://jabber.org/features/iq-register'/>})
 * and answered only when configuration turns it on; tries are counted per IP address.
 */
@Component(configurationPid = InBandRegistration.PID, service = StreamFeature.class, property = {
        StreamFeature.NAMESPACE + "=" + InBandRegistration.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_PRE_AUTH})
@Designate(ocd = RegistrationConfiguration.class)
public class InBandRegistration implements StreamFeature {

    static final String PID = "io.switchboard.accounts.registration";
    static final String NS = "jabber:iq:register";
    static final String FEATURE_NS = "http://jabber.org/features/iq-register";
    private static final Logger LOG = LoggerFactory.getLogger(InBandRegistration.class);

    private final ActiveAccountStore accounts;
    private final boolean enabled;
    private final RegistrationRate rate;

    @Activate
    public InBandRegistration(@Reference ActiveAccountStore accounts, RegistrationConfiguration config) {
        this(accounts, config, Clock.systemUTC());
    }

    InBandRegistration(ActiveAccountStore accounts, RegistrationConfiguration config, Clock clock) {
        this.accounts = accounts;
        this.enabled = config.registration();
        this.rate = new RegistrationRate(config.registrationsPerHour(), clock);
        if (enabled) {
            LOG.info("{}: in-band registration is on, {} per address and hour", PID, Math.max(1, config.registrationsPerHour()));
        }
    }

    @Override
    public Element advertise(Negotiation stream) {
        return enabled ? DocumentHelper.createElement(QName.get("register", FEATURE_NS)) : null;
    }

    @Override
    public void process(Element element, Negotiation stream) {
        if (!"iq".equals(element.getName())) {
            stream.fail(StreamError.Condition.not_authorized, "authenticate first");
            return;
        }
        IQ request = new IQ(element.createCopy());
        if (!request.isRequest()) {
            return; // a result or an error for the server: nothing asked it anything before authentication
        }
        IQ answer;
        try {
            answer = answer(request, stream);
        } catch (StanzaErrorException e) {
            answer = (IQ) e.replyTo(request);
        }
        answer.setFrom(stream.domain());
        answer.setTo((JID) null);
        stream.send(answer.getElement());
    }

    private IQ answer(IQ request, Negotiation stream) throws StanzaErrorException {
        if (!enabled) {
            throw new StanzaErrorException(PacketError.Condition.service_unavailable, "in-band registration is off");
        }
        Element query = request.getChildElement();
        if (request.getType() == IQ.Type.get) {
            IQ form = IQ.createResultIQ(request);
            Element fields = form.setChildElement("query", NS);
            fields.addElement("instructions").setText("Choose a user name and password to register with this server.");
            fields.addElement("username");
            fields.addElement("password");
            return form;
        }
        if (query.element("remove") != null) {
            throw new StanzaErrorException(PacketError.Condition.not_authorized, "log in to remove your account");
        }
        String username = username(query.elementTextTrim("username"));
        String password = NewPasswords.check(query.elementText("password"));
        if (!rate.tryAcquire(stream.remoteHost())) {
            LOG.info("Registration of {} from {} refused: too many from that address", username, stream.remoteAddress());
            throw new StanzaErrorException(PacketError.Condition.resource_constraint,
                    "too many registrations from your address; try again later");
        }
        try {
            if (!accounts.writable().create(username, password)) {
                throw new StanzaErrorException(PacketError.Condition.conflict, "the user name is taken");
            }
        } catch (ReadOnlyAccountsException e) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed, e.getMessage());
        } catch (AccountStoreException e) {
            throw new StanzaErrorException(PacketError.Condition.internal_server_error, "the account cannot be stored now");
        }
        LOG.info("Registered {} from {}", username, stream.remoteAddress());
        return IQ.createResultIQ(request);
    }

    /** The user name as a JID's local part (nodeprep), or not-acceptable. */
    private static String username(String text) throws StanzaErrorException {
        if (text == null || text.isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "a user name is required");
        }
        try {
            return JID.nodeprep(text);
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "the user name cannot be a JID's local part");
        }
    }
}
