package dev.rdal.cli;

import dev.rdal.ErrorKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The exit status of the {@code rdal} command: {@code 0} success, {@code 1} usage, then one code per
 * {@link ErrorKind} (fixed here, so scripts may rely on them), and {@code 130} after Ctrl-C.
 */
final class ExitCodes {

  static final int OK = 0;
  static final int USAGE = 1;
  static final int INTERRUPTED = 130;

  private static final Map<ErrorKind, Integer> BY_KIND = new EnumMap<>(ErrorKind.class);

  static {
    BY_KIND.put(ErrorKind.NOT_FOUND, 2);
    BY_KIND.put(ErrorKind.ALREADY_EXISTS, 3);
    BY_KIND.put(ErrorKind.PERMISSION_DENIED, 4);
    BY_KIND.put(ErrorKind.RANGE_NOT_SATISFIABLE, 5);
    BY_KIND.put(ErrorKind.CONDITION_NOT_MET, 6);
    BY_KIND.put(ErrorKind.IS_A_DIRECTORY, 7);
    BY_KIND.put(ErrorKind.NOT_A_DIRECTORY, 8);
    BY_KIND.put(ErrorKind.INVALID_INPUT, 9);
    BY_KIND.put(ErrorKind.RATE_LIMITED, 10);
    BY_KIND.put(ErrorKind.UNSUPPORTED, 11);
    BY_KIND.put(ErrorKind.CONFIG_INVALID, 12);
    BY_KIND.put(ErrorKind.UNEXPECTED, 13);
  }

  private ExitCodes() {}

  static int of(ErrorKind kind) {
    return BY_KIND.get(kind);
  }
}
