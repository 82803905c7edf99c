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

  /**
   * What went wrong.
   */
  private final ErrorKind kind;
  /**
   * Whether trying again may succeed.
   */
  private final boolean temporary;
  /**
   * The backend's scheme, or null.
   */
  private final String backend;
  /**
   * The operation, or null.
   */
  private final String operation;
  /**
   * The path, or null.
   */
  private final String path;
  /**
   * The range asked for, or null.
   */
  private final ByteRange range;
  /**
   * The object's size, or -1 when unknown.
   */
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

  /**
   * Starts an error of the given kind; {@link Builder#build()} makes it.
   *
   * @param kind what went wrong
   * @param message what was asked and what to do
   * @return a builder
   */
  public static Builder builder(ErrorKind kind, String message) {
    return new Builder(kind, message);
  }

  /**
   * A permanent error of the given kind with no context.
   *
   * @param kind what went wrong
   * @param message what was asked and what to do
   * @return the error
   */
  public static RdalException of(ErrorKind kind, String message) {
    return builder(kind, message).build();
  }

  /**
   * Shorthand for a permanent {@link ErrorKind#INVALID_INPUT} error.
   *
   * @param message what is wrong with the input
   * @return the error
   */
  public static RdalException invalidInput(String message) {
    return of(ErrorKind.INVALID_INPUT, message);
  }

  /**
   * Shorthand for {@link ErrorKind#UNSUPPORTED}, naming the missing capability.
   *
   * @param backend the backend's scheme
   * @param operation the operation refused
   * @param capability the capability it needs
   * @return the error
   */
  public static RdalException unsupported(String backend, String operation, Capability capability) {
    return builder(ErrorKind.UNSUPPORTED,
            "backend '" + backend + "' does not support " + operation + " (missing capability " + capability + ")")
        .backend(backend).operation(operation).build();
  }

  /**
   * True when {@code t} is an {@link RdalException} of the given kind.
   *
   * @param t any throwable
   * @param kind a kind
   * @return true when {@code t} is an RdalException of that kind
   */
  public static boolean isKind(Throwable t, ErrorKind kind) {
    return t instanceof RdalException && ((RdalException) t).kind == kind;
  }

  /**
   * What went wrong.
   *
   * @return the kind
   */
  public ErrorKind kind() {
    return kind;
  }

  /**
   * Whether trying the same call again may succeed (a dropped connection, a 5xx, rate limiting).
   *
   * @return true when trying again may succeed
   */
  public boolean isTemporary() {
    return temporary;
  }

  /**
   * The backend's scheme, or {@code null} when unknown.
   *
   * @return the scheme, or null
   */
  public String backend() {
    return backend;
  }

  /**
   * The operation ({@code read}, {@code write}, ...), or {@code null} when unknown.
   *
   * @return the operation, or null
   */
  public String operation() {
    return operation;
  }

  /**
   * The normalised path the error concerns, or {@code null}.
   *
   * @return the path, or null
   */
  public String path() {
    return path;
  }

  /**
   * The requested range, or {@code null}.
   *
   * @return the range, or null
   */
  public ByteRange range() {
    return range;
  }

  /**
   * The object's size when the error knows it (range errors), else empty.
   *
   * @return the size, or empty when unknown
   */
  public OptionalLong objectSize() {
    return objectSize < 0 ? OptionalLong.empty() : OptionalLong.of(objectSize);
  }

  /**
   * Returns this error with context filled in where it is missing; the kind, message, flag and cause
   * are kept. Used by the operator so every error names its backend, operation and path.
   *
   * @param backend the backend's scheme
   * @param operation the operation
   * @param path the path
   * @return this error, or a copy with the missing context added
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

  /**
   * A builder holding this error's fields, for a variant.
   *
   * @return a builder holding this error's fields
   */
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

    /**
     * The cause.
     *
     * @param cause the underlying failure
     * @return this builder
     */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    /**
     * Whether trying again may succeed.
     *
     * @param temporary true for a temporary failure
     * @return this builder
     */
    public Builder temporary(boolean temporary) {
      this.temporary = temporary;
      return this;
    }

    /**
     * The backend's scheme.
     *
     * @param backend the scheme
     * @return this builder
     */
    public Builder backend(String backend) {
      this.backend = backend;
      return this;
    }

    /**
     * The operation.
     *
     * @param operation such as {@code read}
     * @return this builder
     */
    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    /**
     * The path.
     *
     * @param path the normalized path
     * @return this builder
     */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /**
     * The range asked for.
     *
     * @param range the range
     * @return this builder
     */
    public Builder range(ByteRange range) {
      this.range = range;
      return this;
    }

    /**
     * The object's size, when known.
     *
     * @param objectSize the size in bytes
     * @return this builder
     */
    public Builder objectSize(long objectSize) {
      this.objectSize = objectSize;
      return this;
    }

    /**
     * The error.
     *
     * @return a new exception
     */
    public RdalException build() {
      return new RdalException(this);
    }
  }
}
