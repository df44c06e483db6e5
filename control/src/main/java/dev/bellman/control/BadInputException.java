package dev.bellman.control;

/**
 * A user mistake: a bad option value, an unreadable or malformed input, parameters that define no
 * well-posed problem. The command line reports its message on one line and exits with code 2;
 * anything else that goes wrong while running exits with code 1.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
