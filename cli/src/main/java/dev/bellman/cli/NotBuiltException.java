package dev.bellman.cli;

import dev.bellman.control.BadInputException;

/** A subcommand whose library part has not landed yet: it says so and exits 2 (no stub pretends to work). */
final class NotBuiltException extends BadInputException {
    private static final long serialVersionUID = 1L;

    NotBuiltException(String command, int issue) {
        super(command + " is not built yet (tracked as issue " + issue + ")");
    }
}
