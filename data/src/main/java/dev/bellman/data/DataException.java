package dev.bellman.data;

/**
 * A data file or data specification that cannot be used: wrong magic, inconsistent or absurd sizes,
 * a truncated or corrupt file, a directory without images, an unknown data set name. The message
 * names the file (or specification) and the problem on one line; the command line exits with
 * code 2.
 */
public class DataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
