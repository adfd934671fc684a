package io.switchboard.interop;

/** The suite over XMPP on WebSocket (RFC 7395), wss:// as a desktop connects. */
class WebSocketInteropIT extends InteropSuite {

    WebSocketInteropIT() {
        super(WEBSOCKET);
    }
}
