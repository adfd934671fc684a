package io.switchboard.eventsource.http.impl;

/** A request refused: its HTTP status, the field at fault (a path like {@code events[1].state}) and why. */
final class BadEvent extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;
    final String field;

    BadEvent(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static BadEvent badRequest(String field, String message) {
        return new BadEvent(400, field, message);
    }
}
