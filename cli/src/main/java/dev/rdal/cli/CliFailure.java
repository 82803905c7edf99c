package dev.rdal.cli;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.util.Locale;

/**
 * A failure of one command, ready to print: its {@link ErrorKind} (which picks the exit code), the location
 * it concerns (as the user typed it, secrets removed) and a short message.
 */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String location;

  CliFailure(ErrorKind kind, String location, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.location = location;
  }

  /** A failure about {@code location} with its own message. */
  static CliFailure of(ErrorKind kind, String location, String message) {
    return new CliFailure(kind, location, message, null);
  }

  /** Wraps any error met while working on {@code location}; a failure already located stays as it is. */
  static CliFailure at(String location, Throwable e) {
    if (e instanceof CliFailure f) {
      return f;
    }
    if (e instanceof RdalException r) {
      return new CliFailure(r.kind(), location, shortMessage(r), r);
    }
    Throwable c = reactor.core.Exceptions.unwrap(e);
    if (c != e) {
      return at(location, c);
    }
    return new CliFailure(ErrorKind.UNEXPECTED, location, String.valueOf(e.getMessage() != null ? e.getMessage() : e), e);
  }

  /** The message of an {@link RdalException} without its kind prefix and bracketed context. */
  static String shortMessage(RdalException r) {
    String m = r.getMessage();
    int colon = m.indexOf(": ");
    if (colon >= 0 && m.substring(0, colon).startsWith(r.kind().name())) {
      m = m.substring(colon + 2);
    }
    int ctx = m.lastIndexOf(" [");
    if (ctx > 0 && m.endsWith("]")) {
      m = m.substring(0, ctx);
    }
    return m;
  }

  ErrorKind kind() {
    return kind;
  }

  String location() {
    return location;
  }

  int exitCode() {
    return ExitCodes.of(kind);
  }

  /** The line printed on stderr: {@code rdal: <kind words>: <location>: <message>}. */
  String line() {
    String words = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "rdal: " + words + ": " + (location != null ? location + ": " : "") + getMessage();
  }
}
