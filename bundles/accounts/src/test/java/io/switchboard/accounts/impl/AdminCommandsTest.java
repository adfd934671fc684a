package io.switchboard.accounts.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.MemoryAccounts;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

/** The XEP-0050 steps and the XEP-0133 commands against an in-memory store and recording doubles. */
public class AdminCommandsTest {

    private static final String DOMAIN = "example.com";
    private static final String ADMIN = "admin@example.com/laptop";

    private final RecordingRouter router = new RecordingRouter(DOMAIN);
    private final FakeSessionRegistry sessions = new FakeSessionRegistry();
    private final MemoryAccounts store = new MemoryAccounts().with("admin", "secret").with("bob", "1234");
    private final AdminCommands commands = commands(ActiveAccountStore.of(store, "io.switchboard.auth.file.impl.FileAuthProvider"));

    private AdminCommands commands(ActiveAccountStore accounts) {
        return new AdminCommands(router, sessions, accounts,
                Configurations.of(AdminConfiguration.class, "admins", new String[] {"admin@example.com", "root"}));
    }

    @Test
    public void addUserAnswersItsFormFirstThenCreatesTheAccount() throws Exception {
        commands.handle(execute(ADMIN, "add-user", null));
        Element executing = ((IQ) router.takeRouted()).getChildElement();
        assertEquals("executing", executing.attributeValue("status"));
        DataForm form = new DataForm(executing.element(QName.get("x", "jabber:x:data")));
        assertEquals(FormField.Type.jid_single, form.getField("accountjid").getType());
        assertEquals(FormField.Type.text_private, form.getField("password").getType());
        assertEquals(FormField.Type.text_private, form.getField("password-verify").getType());
        assertNotNull(executing.element("actions"));

        IQ submit = execute(ADMIN, "add-user", submitted("accountjid", "carol@example.com", "password", "pw", "password-verify", "pw"));
        submit.getChildElement().addAttribute("sessionid", executing.attributeValue("sessionid"));
        commands.handle(submit);

        Element completed = ((IQ) router.takeRouted()).getChildElement();
        assertEquals("completed", completed.attributeValue("status"));
        assertEquals(executing.attributeValue("sessionid"), completed.attributeValue("sessionid"));
        assertEquals("pw", store.passwords.get("carol"));
    }

    @Test
    public void addUserOfAnExistingAccountIsAConflictAndKeepsItsPassword() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> commands.handle(
                execute(ADMIN, "add-user", submitted("accountjid", "bob@example.com", "password", "new", "password-verify", "new"))));

        assertEquals(PacketError.Condition.conflict, e.condition());
        assertEquals("1234", store.passwords.get("bob"));
    }

    @Test
    public void addUserWithPasswordsThatDifferIsNotAcceptable() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> commands.handle(
                execute(ADMIN, "add-user", submitted("accountjid", "carol@example.com", "password", "a", "password-verify", "b"))));

        assertEquals(PacketError.Condition.not_acceptable, e.condition());
        assertEquals(null, store.passwords.get("carol"));
    }

    @Test
    public void anAccountOfAnotherDomainIsNotAllowed() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> commands.handle(
                execute(ADMIN, "add-user", submitted("accountjid", "carol@elsewhere.org", "password", "a", "password-verify", "a"))));

        assertEquals(PacketError.Condition.not_allowed, e.condition());
    }

    @Test
    public void aNonAdminIsForbiddenEvenToAskForTheForm() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class,
                () -> commands.handle(execute("bob@example.com/phone", "add-user", null)));

        assertEquals(PacketError.Condition.forbidden, e.condition());
        assertTrue(router.routed.isEmpty());
    }

    @Test
    public void anAdminNamedByLocalPartAloneIsOfTheServersDomain() throws Exception {
        store.with("root", "x");

        commands.handle(execute("root@example.com/shell", "get-registered-users-num", null));

        assertEquals("completed", ((IQ) router.takeRouted()).getChildElement().attributeValue("status"));
    }

    @Test
    public void anUnknownNodeIsItemNotFound() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class,
                () -> commands.handle(execute(ADMIN, "format-the-disk", null)));

        assertEquals(PacketError.Condition.item_not_found, e.condition());
    }

    @Test
    public void aReadOnlyProviderCompletesWithAnErrorNoteNamingItAndNotAllowed() throws Exception {
        AuthProvider ldap = new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                return false;
            }

            @Override
            public boolean exists(String username) {
                return false;
            }
        };
        AdminCommands readOnly = commands(ActiveAccountStore.of(ldap, "io.switchboard.auth.ldap.impl.LdapAuthProvider"));

        readOnly.handle(execute(ADMIN, "add-user", null));

        IQ answer = (IQ) router.takeRouted();
        assertEquals(IQ.Type.error, answer.getType());
        assertEquals(PacketError.Condition.not_allowed, answer.getError().getCondition());
        Element command = answer.getChildElement();
        assertEquals("completed", command.attributeValue("status"));
        Element note = command.element("note");
        assertEquals("error", note.attributeValue("type"));
        assertTrue(note.getText(), note.getText().contains("io.switchboard.auth.ldap.impl.LdapAuthProvider"));
    }

    @Test
    public void disableUserDisablesAndEndsTheSessionsThenReenableEnables() throws Exception {
        RecordingSession phone = sessions.add(new RecordingSession("bob@example.com/phone"));
        RecordingSession other = sessions.add(new RecordingSession("carol@example.com/phone"));

        commands.handle(execute(ADMIN, "disable-user", submitted("accountjids", List.of("bob@example.com"))));

        assertTrue(store.isDisabled("bob"));
        assertEquals(List.of(StreamError.Condition.not_authorized), phone.closedWith);
        assertTrue(other.closedWith.isEmpty());
        assertEquals("Disabled: bob@example.com", ((IQ) router.takeRouted()).getChildElement().elementText("note"));

        commands.handle(execute(ADMIN, "reenable-user", submitted("accountjids", List.of("bob@example.com"))));
        assertTrue(!store.isDisabled("bob"));
    }

    @Test
    public void deleteUserDeletesEachAndNamesThoseThatWereNot() throws Exception {
        commands.handle(execute(ADMIN, "delete-user", submitted("accountjids", List.of("bob@example.com", "nobody@example.com"))));

        assertTrue(!store.exists("bob"));
        assertEquals("Deleted: bob@example.com; no such account: nobody@example.com",
                ((IQ) router.takeRouted()).getChildElement().elementText("note"));
    }

    @Test
    public void aPasswordSaslprepProhibitsIsNotAcceptableWithTheReasonOnAddAndChange() {
        StanzaErrorException added = assertThrows(StanzaErrorException.class, () -> commands.handle(execute(ADMIN, "add-user",
                submitted("accountjid", "carol@example.com", "password", "a\u0007b", "password-verify", "a\u0007b"))));
        StanzaErrorException changed = assertThrows(StanzaErrorException.class, () -> commands.handle(
                execute(ADMIN, "change-user-password", submitted("accountjid", "bob@example.com", "password", "a\u0007b"))));

        for (StanzaErrorException e : List.of(added, changed)) {
            assertEquals(PacketError.Condition.not_acceptable, e.condition());
            assertTrue(e.text(), e.text().contains("SASLprep"));
        }
        assertEquals(null, store.passwords.get("carol"));
        assertEquals("1234", store.passwords.get("bob"));
    }

    @Test
    public void changeUserPasswordOfAnUnknownAccountIsItemNotFound() throws Exception {
        commands.handle(execute(ADMIN, "change-user-password", submitted("accountjid", "bob@example.com", "password", "new")));
        assertEquals("new", store.passwords.get("bob"));
        router.takeRouted();

        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> commands.handle(
                execute(ADMIN, "change-user-password", submitted("accountjid", "nobody@example.com", "password", "new"))));
        assertEquals(PacketError.Condition.item_not_found, e.condition());
    }

    @Test
    public void registeredAndOnlineUsersComeAsNumbersAndBareJids() throws Exception {
        sessions.add(new RecordingSession("bob@example.com/phone"));
        sessions.add(new RecordingSession("bob@example.com/desk"));

        assertEquals(List.of("2"), resultField("get-registered-users-num", "registeredusersnum"));
        assertEquals(List.of("admin@example.com", "bob@example.com"), resultField("get-registered-users-list", "registereduserjids"));
        assertEquals(List.of("1"), resultField("get-online-users-num", "onlineusersnum"));
        assertEquals(List.of("bob@example.com"), resultField("get-online-users-list", "onlineuserjids"));
    }

    @Test
    public void endUserSessionEndsOneFullJidOrEveryOneOfABareJid() throws Exception {
        RecordingSession phone = sessions.add(new RecordingSession("bob@example.com/phone"));
        RecordingSession desk = sessions.add(new RecordingSession("bob@example.com/desk"));

        commands.handle(execute(ADMIN, "end-user-session", submitted("accountjids", List.of("bob@example.com/phone"))));
        assertEquals(List.of(StreamError.Condition.policy_violation), phone.closedWith);
        assertTrue(desk.closedWith.isEmpty());
        router.takeRouted();

        commands.handle(execute(ADMIN, "end-user-session", submitted("accountjids", List.of("bob@example.com"))));
        assertEquals(List.of(StreamError.Condition.policy_violation), desk.closedWith);
        assertTrue("the account stays", store.exists("bob"));
    }

    @Test
    public void announceSendsOneMessageToEachSession() throws Exception {
        sessions.add(new RecordingSession("bob@example.com/phone"));
        sessions.add(new RecordingSession("carol@example.com/desk"));

        commands.handle(execute(ADMIN, "announce", submitted("announcement", List.of("Restart at noon", "Save your work"))));

        assertEquals(3, router.routed.size());
        org.xmpp.packet.Message first = (org.xmpp.packet.Message) router.routed.get(0);
        assertEquals("Restart at noon\nSave your work", first.getBody());
        assertEquals(DOMAIN, first.getFrom().toString());
    }

    @Test
    public void cancelAnswersCanceled() throws Exception {
        IQ cancel = execute(ADMIN, "add-user", null);
        cancel.getChildElement().addAttribute("action", "cancel");

        commands.handle(cancel);

        assertEquals("canceled", ((IQ) router.takeRouted()).getChildElement().attributeValue("status"));
        assertEquals(2, store.passwords.size());
    }

    private List<String> resultField(String command, String var) throws StanzaErrorException {
        commands.handle(execute(ADMIN, command, null));
        Element completed = ((IQ) router.takeRouted()).getChildElement();
        assertEquals("completed", completed.attributeValue("status"));
        return new DataForm(completed.element(QName.get("x", "jabber:x:data"))).getField(var).getValues();
    }

    static IQ execute(String from, String command, DataForm form) {
        IQ iq = new IQ(IQ.Type.set, "c1");
        iq.setFrom(from);
        iq.setTo(DOMAIN);
        Element element = iq.setChildElement("command", AdminCommands.NS)
                .addAttribute("node", AdminCommand.NODE_PREFIX + command).addAttribute("action", "execute");
        if (form != null) {
            element.add(form.getElement().createCopy());
        }
        return iq;
    }

    /** A submitted form of single values, var after var. */
    static DataForm submitted(String... varsAndValues) {
        DataForm form = new DataForm(DataForm.Type.submit);
        for (int i = 0; i < varsAndValues.length; i += 2) {
            form.addField(varsAndValues[i], null, null).addValue(varsAndValues[i + 1]);
        }
        return form;
    }

    static DataForm submitted(String var, List<String> values) {
        DataForm form = new DataForm(DataForm.Type.submit);
        FormField field = form.addField(var, null, null);
        values.forEach(field::addValue);
        return form;
    }
}
