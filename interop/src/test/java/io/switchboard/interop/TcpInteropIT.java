package io.switchboard.interop;

/** The suite over XMPP on TCP with STARTTLS (RFC 6120). */
class TcpInteropIT extends InteropSuite {

    TcpInteropIT() {
        super(TCP);
    }
}
