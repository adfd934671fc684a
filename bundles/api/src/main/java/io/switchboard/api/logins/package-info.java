/**
 * Who may try to log in now: failed logins counted per address and account, shared by every way
 * in (SASL over XMPP, HTTP Basic on the REST resources and the web console). Apart from
 * {@code io.switchboard.api.auth}, so that a change here does not reach authentication providers.
 */
@Export
@Version("1.0.0")
package io.switchboard.api.logins;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
