package io.switchboard.accounts.impl;

import org.xmpp.forms.DataForm;

/**
 * What a completed command answers: a note for the administrator, a result form, or both.
 *
 * @param note an informational note (XEP-0050 {@code <note type='info'/>}); null for none
 * @param form a form of type result; null for none
 */
record CommandResult(String note, DataForm form) {

    static CommandResult note(String note) {
        return new CommandResult(note, null);
    }

    static CommandResult form(DataForm form) {
        return new CommandResult(null, form);
    }
}
