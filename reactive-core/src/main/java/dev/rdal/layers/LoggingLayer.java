package dev.rdal.layers;

import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import dev.rdal.spi.Backend;
import dev.rdal.spi.Layer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every operation with SLF4J: one {@code DEBUG} line when it ends, with backend, operation, path,
 * range, duration, outcome and bytes; and, when it fails, a {@code WARN} line with the {@link dev.rdal.ErrorKind},
 * the temporary flag and the error's message.
 *
 * <p>What it never logs: configuration, credentials, request or response headers, the URLs that presign
 * operations return, the cause chain or stack trace of an error (a client library's exception may quote
 * a signed request), or the message of an error that is not an {@link RdalException} (only its class).
 * {@link RdalException} messages are free of secrets by contract.
 *
 * <p>Threads: lines are written on whatever thread signals the end; nothing else changes. Capabilities,
 * signals, backpressure and cancellation pass through unchanged.
 */
public final class LoggingLayer implements Layer {

  /** The logger used unless another is given. */
  public static final String DEFAULT_LOGGER = "dev.rdal.operations";

  private final Logger log;
  private final Set<ErrorKind> quietKinds;

  /** Logs to {@value #DEFAULT_LOGGER}. */
  public LoggingLayer() {
    this(LoggerFactory.getLogger(DEFAULT_LOGGER));
  }

  /**
   * Logs to {@code logger}.
   *
   * @param logger where the lines go
   */
  public LoggingLayer(Logger logger) {
    this(logger, Set.of());
  }

  private LoggingLayer(Logger logger, Set<ErrorKind> quietKinds) {
    this.log = Objects.requireNonNull(logger, "logger");
    this.quietKinds = quietKinds;
  }

  /**
   * This layer, without the {@code WARN} line for failures of the given kinds (their {@code DEBUG} line
   * stays): for answers a caller expects, such as {@code NOT_FOUND} from {@code exists()}.
   *
   * @param kinds the error kinds logged at DEBUG instead of WARN
   * @return a new layer
   */
  public LoggingLayer withQuietKinds(ErrorKind... kinds) {
    Set<ErrorKind> quiet = EnumSet.noneOf(ErrorKind.class);
    quiet.addAll(Arrays.asList(kinds));
    return new LoggingLayer(log, Set.copyOf(quiet));
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Logged(inner);
  }

  private final class Logged extends ObservingBackend {

    Logged(Backend inner) {
      super(inner);
    }

    @Override
    Observation begin(String operation, String path, ByteRange range) {
      long start = System.nanoTime();
      String backend = inner.scheme();
      return new Observation() {
        @Override
        protected void ended(Outcome outcome, Throwable error) {
          long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          String p = path == null ? "-" : path;
          String r = range == null ? "-" : range.toString();
          if (log.isDebugEnabled()) {
            log.debug("rdal {} {} path={} range={} duration={} ms outcome={} bytes={}",
                backend, operation, p, r, ms, outcome.tag(), bytes());
          }
          if (outcome == Outcome.ERROR && !isQuiet(error)) {
            if (log.isWarnEnabled()) {
              if (error instanceof RdalException) {
                RdalException e = (RdalException) error;
                log.warn("rdal {} {} path={} range={} failed after {} ms: kind={} temporary={} message={}",
                    backend, operation, p, r, ms, e.kind(), e.isTemporary(), e.getMessage());
              } else {
                log.warn("rdal {} {} path={} range={} failed after {} ms: kind=UNEXPECTED error={}",
                    backend, operation, p, r, ms, error.getClass().getName());
              }
            }
          }
        }
      };
    }
  }

  private boolean isQuiet(Throwable error) {
    return error instanceof RdalException && quietKinds.contains(((RdalException) error).kind());
  }

  @Override
  public String toString() {
    return "LoggingLayer(" + log.getName() + ")";
  }
}
