package io.switchboard.accounts.impl;

import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.auth.AuthProvider;

/**
 * The active authentication provider, the highest-ranked one, as the store accounts are written
 * to: the one logins are checked against, so that an account made here can log in next. Followed
 * as providers come and go; a provider that is no {@link AccountStore} makes accounts read-only.
 */
@Component(service = ActiveAccountStore.class)
public class ActiveAccountStore {

    private volatile Active active;

    /** For the bundle's other components and for tests. */
    public ActiveAccountStore() {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetAuthProvider")
    void setAuthProvider(AuthProvider provider, Map<String, Object> properties) {
        Object name = properties.get("component.name");
        active = new Active(provider, name == null ? provider.getClass().getName() : name.toString());
    }

    void unsetAuthProvider(AuthProvider provider) {
        Active current = active;
        if (current != null && current.provider == provider) { // a greedy swap binds the new one first
            active = null;
        }
    }

    /**
     * The store to write to.
     *
     * @throws ReadOnlyAccountsException naming the active provider, or saying there is none
     */
    AccountStore writable() throws ReadOnlyAccountsException {
        Active current = active;
        if (current == null) {
            throw new ReadOnlyAccountsException("No authentication provider is active: accounts cannot be managed now");
        }
        if (current.provider instanceof AccountStore store) {
            return store;
        }
        throw new ReadOnlyAccountsException("The active authentication provider " + current.name
                + " cannot write accounts; manage them in its own store");
    }

    /** For tests: what DS does with a provider and its properties. */
    static ActiveAccountStore of(AuthProvider provider, String name) {
        ActiveAccountStore store = new ActiveAccountStore();
        store.setAuthProvider(provider, Map.of("component.name", name, Constants.SERVICE_RANKING, 0));
        return store;
    }

    private record Active(AuthProvider provider, String name) {
    }
}
