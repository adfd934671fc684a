package io.switchboard.tools;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A password from the terminal, not shown, or else the first line of standard input; never from the command line. */
final class PasswordInput {

    private PasswordInput() {
    }

    /** @return the password, or null when none was given */
    static String read(String prompt, boolean confirm) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("%s", prompt);
            if (first == null) {
                return null;
            }
            if (confirm) {
                char[] again = console.readPassword("Again: ");
                if (again == null || !new String(first).equals(new String(again))) {
                    throw new IllegalArgumentException("the two passwords differ");
                }
            }
            return new String(first);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.readLine();
    }
}
