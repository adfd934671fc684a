package io.switchboard.bench.jmh;

/** Payloads the size of what Finesse desktops receive. */
final class Samples {

    /** A Finesse user Update, escaped as it travels inside a notification: about 1.5 KB. */
    static final String USER_UPDATE = ("<Update><data><user><dialogs>/finesse/api/User/1001001/Dialogs</dialogs>"
            + "<extension>1001001</extension><firstName>Agent</firstName><lastName>One</lastName>"
            + "<loginId>1001001</loginId><loginName>agent1</loginName><roles><role>Agent</role></roles>"
            + "<state>READY</state><stateChangeTime>2026-11-29T07:00:00.000Z</stateChangeTime>"
            + "<teamId>1</teamId><teamName>Sales</teamName><settings><wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming></settings>"
            + "<mediaType>1</mediaType><pendingState></pendingState><reasonCodeId>-1</reasonCodeId>"
            + "</user></data><event>PUT</event><requestId></requestId><source>/finesse/api/User/1001001</source></Update>")
            .replace("<", "&lt;").replace(">", "&gt;").repeat(2);

    private Samples() {
    }
}
