package dev.rdal;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The one exception type rdal signals, through {@code onError} of every {@link reactor.core.publisher.Flux}
 * and {@link reactor.core.publisher.Mono} it returns (never thrown from an API method except for
 * arguments that are wrong on their face, such as a {@code null}).
 *
 * <p>Each instance carries an {@link ErrorKind}, a {@link #isTemporary() temporary} flag that the retry
 * layer consults, and context: the backend, operation, path and range it concerns. A
 * {@link ErrorKind#RANGE_NOT_SATISFIABLE} error also carries the object's size when it is known.
 *
 * <p>Messages name what was asked and what to do. They never contain secrets: configuration values
 * reach messages only through {@link dev.rdal.spi.BackendConfig}, which redacts them.
 */
public final class RdalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final boolean temporary;
  private final String backend;
  private final String operation;
  private final String path;
  private final ByteRange range;
  private final long objectSize;

  private RdalException(Builder b) {
    super(b.message, b.cause);
    this.kind = b.kind;
    this.temporary = b.temporary;
    this.backend = b.backend;
    this.operation = b.operation;
    this.path = b.path;
    this.range = b.range;
    this.objectSize = b.objectSize;
  }

  /** Starts an error of the given kind; {@link Builder#build()} makes it. */
  public static Builder builder(ErrorKind kind, String message) {
    return new Builder(kind, message);
  }

  /** A permanent error of the given kind with no context. */
  public static RdalException of(ErrorKind kind, String message) {
    return builder(kind, message).build();
  }

  /** Shorthand for a permanent {@link ErrorKind#INVALID_INPUT} error. */
  public static RdalException invalidInput(String message) {
    return of(ErrorKind.INVALID_INPUT, message);
  }

  /** Shorthand for {@link ErrorKind#UNSUPPORTED}, naming the missing capability. */
  public static RdalException unsupported(String backend, String operation, Capability capability) {
    return builder(ErrorKind.UNSUPPORTED,
            "backend '" + backend + "' does not support " + operation + " (missing capability " + capability + ")")
        .backend(backend).operation(operation).build();
  }

  /** True when {@code t} is an {@link RdalException} of the given kind. */
  public static boolean isKind(Throwable t, ErrorKind kind) {
    return t instanceof RdalException && ((RdalException) t).kind == kind;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** Whether trying the same call again may succeed (a dropped connection, a 5xx, rate limiting). */
  public boolean isTemporary() {
    return temporary;
  }

  /** The backend's scheme, or {@code null} when unknown. */
  public String backend() {
    return backend;
  }

  /** The operation ({@code read}, {@code write}, ...), or {@code null} when unknown. */
  public String operation() {
    return operation;
  }

  /** The normalised path the error concerns, or {@code null}. */
  public String path() {
    return path;
  }

  /** The requested range, or {@code null}. */
  public ByteRange range() {
    return range;
  }

  /** The object's size when the error knows it (range errors), else empty. */
  public OptionalLong objectSize() {
    return objectSize < 0 ? OptionalLong.empty() : OptionalLong.of(objectSize);
  }

  /**
   * Returns this error with context filled in where it is missing; the kind, message, flag and cause
   * are kept. Used by the operator so every error names its backend, operation and path.
   */
  public RdalException withContext(String backend, String operation, String path) {
    if (Objects.equals(this.backend, backend) && Objects.equals(this.operation, operation)
        && Objects.equals(this.path, path)) {
      return this;
    }
    if (this.backend != null && this.operation != null && this.path != null) {
      return this;
    }
    Builder b = toBuilder();
    if (b.backend == null) b.backend = backend;
    if (b.operation == null) b.operation = operation;
    if (b.path == null) b.path = path;
    RdalException copy = b.build();
    copy.setStackTrace(getStackTrace());
    for (Throwable s : getSuppressed()) {
      copy.addSuppressed(s);
    }
    return copy;
  }

  /** A builder holding this error's fields, for a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(kind, super.getMessage());
    b.cause = getCause();
    b.temporary = temporary;
    b.backend = backend;
    b.operation = operation;
    b.path = path;
    b.range = range;
    b.objectSize = objectSize;
    return b;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder();
    sb.append(kind);
    if (temporary) sb.append(" (temporary)");
    sb.append(": ").append(super.getMessage());
    StringBuilder ctx = new StringBuilder();
    if (backend != null) ctx.append("backend=").append(backend);
    if (operation != null) ctx.append(ctx.length() > 0 ? ", " : "").append("operation=").append(operation);
    if (path != null) ctx.append(ctx.length() > 0 ? ", " : "").append("path=").append(path);
    if (range != null) ctx.append(ctx.length() > 0 ? ", " : "").append("range=").append(range);
    if (objectSize >= 0) ctx.append(ctx.length() > 0 ? ", " : "").append("size=").append(objectSize);
    if (ctx.length() > 0) sb.append(" [").append(ctx).append(']');
    return sb.toString();
  }

  /** Collects the fields of an {@link RdalException}. */
  public static final class Builder {
    private final ErrorKind kind;
    private final String message;
    private Throwable cause;
    private boolean temporary;
    private String backend;
    private String operation;
    private String path;
    private ByteRange range;
    private long objectSize = -1;

    private Builder(ErrorKind kind, String message) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.message = Objects.requireNonNull(message, "message");
      this.temporary = kind == ErrorKind.RATE_LIMITED;
    }

    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public Builder temporary(boolean temporary) {
      this.temporary = temporary;
      return this;
    }

    public Builder backend(String backend) {
      this.backend = backend;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder range(ByteRange range) {
      this.range = range;
      return this;
    }

    public Builder objectSize(long objectSize) {
      this.objectSize = objectSize;
      return this;
    }

    public RdalException build() {
      return new RdalException(this);
    }
  }
}
