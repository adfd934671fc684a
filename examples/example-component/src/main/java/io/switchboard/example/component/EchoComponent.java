package io.switchboard.example.component;

import org.osgi.service.component.annotations.Component;
import org.xmpp.component.AbstractComponent;
import org.xmpp.packet.Message;

import io.switchboard.api.routing.Router;

/**
 * The smallest useful component: at {@code echo.<domain>} it sends every chat message back to its
 * sender. Registering a Tinder {@link org.xmpp.component.Component} service with the
 * {@code component.subdomain} property is all it takes for the server to mount it, list it in
 * disco#items and route its domain's stanzas to it; unregistering (stopping the bundle) unmounts
 * it. {@link AbstractComponent} answers disco#info, ping, last activity and entity time.
 */
@Component(service = org.xmpp.component.Component.class, property = Router.COMPONENT_SUBDOMAIN + "=echo")
public class EchoComponent extends AbstractComponent {

    @Override
    public String getName() {
        return "Echo";
    }

    @Override
    public String getDescription() {
        return "Sends every message back to its sender";
    }

    @Override
    protected String discoInfoIdentityCategory() {
        return "component";
    }

    @Override
    protected String discoInfoIdentityCategoryType() {
        return "generic";
    }

    @Override
    protected void handleMessage(Message message) {
        if (message.getBody() == null) {
            return; // chat states and receipts carry nothing to echo
        }
        Message echo = new Message();
        echo.setTo(message.getFrom());
        echo.setFrom(message.getTo());
        echo.setType(message.getType());
        echo.setBody(message.getBody());
        send(echo);
    }
}
