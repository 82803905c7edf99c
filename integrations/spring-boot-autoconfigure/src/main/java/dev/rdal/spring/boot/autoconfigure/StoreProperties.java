package dev.rdal.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * One named store, {@code rdal.stores.<name>.*}: where it is, on which threads its IO runs, and the layers
 * around it. Layers are added in the order of the rdal README (logging, concurrency limit, retry, timeout,
 * throttle, outermost first), inside the metrics and observation layers when those are wired.
 */
public class StoreProperties {

  /** The execution policies a store can be given by name. */
  public enum Policy {
    /** IO on rdal's library-wide scheduler ({@code rdal-global-N}). */
    GLOBAL,
    /** IO on a scheduler of the store's own, sized by {@code threads} and closed with the store. */
    DEDICATED,
    /** IO on the caller's threads, without a hop. */
    EXTERNAL
  }

  /** The store's URI, for example fs:///data, memory: or s3://bucket/prefix?region=eu-west-1. */
  private String uri;

  /**
   * Where the store's IO runs: global, dedicated or external. Unset, blocking backends (fs) use global and
   * non-blocking ones (memory, s3) external.
   */
  private Policy policy;

  /** The thread cap of a dedicated policy; only allowed with policy: dedicated. */
  private Integer threads;

  /** At most this many operations in flight, the others waiting in line; unset for no limit. */
  private Integer concurrencyLimit;

  /** Bytes per second for all read and write bodies of this store together; unset for no limit. */
  private DataSize throttle;

  /** Whether every operation is logged (one DEBUG line per call, a WARN per failure). */
  private boolean logging = false;

  /**
   * Extra backend config keys, added to (and overriding) those of the URI's query, for example
   * endpoint, region or path_style of s3.
   */
  private Map<String, String> config = new LinkedHashMap<>();

  /** Retries of temporary failures. */
  private final Retry retry = new Retry();

  /** Time bounds of each attempt. */
  private final Timeout timeout = new Timeout();

  /**
   * The store's URI.
   *
   * @return the URI as written, or null when unset
   */
  public String getUri() {
    return uri;
  }

  /**
   * Sets the store's URI.
   *
   * @param uri a URI whose scheme names a backend on the class path
   */
  public void setUri(String uri) {
    this.uri = uri;
  }

  /**
   * The execution policy.
   *
   * @return the policy, or null for the backend's default
   */
  public Policy getPolicy() {
    return policy;
  }

  /**
   * Sets the execution policy.
   *
   * @param policy the policy, or null for the backend's default
   */
  public void setPolicy(Policy policy) {
    this.policy = policy;
  }

  /**
   * The thread cap of a dedicated policy.
   *
   * @return the cap, or null for rdal's default
   */
  public Integer getThreads() {
    return threads;
  }

  /**
   * Sets the thread cap of a dedicated policy.
   *
   * @param threads a positive number of threads
   */
  public void setThreads(Integer threads) {
    this.threads = threads;
  }

  /**
   * The concurrency limit.
   *
   * @return the most operations in flight, or null for no limit
   */
  public Integer getConcurrencyLimit() {
    return concurrencyLimit;
  }

  /**
   * Sets the concurrency limit.
   *
   * @param concurrencyLimit a positive number of operations, or null for no limit
   */
  public void setConcurrencyLimit(Integer concurrencyLimit) {
    this.concurrencyLimit = concurrencyLimit;
  }

  /**
   * The throttle.
   *
   * @return bytes per second, or null for no limit
   */
  public DataSize getThrottle() {
    return throttle;
  }

  /**
   * Sets the throttle.
   *
   * @param throttle a positive size per second, such as {@code 50MB}, or null for no limit
   */
  public void setThrottle(DataSize throttle) {
    this.throttle = throttle;
  }

  /**
   * Whether operations are logged.
   *
   * @return true when the logging layer is on
   */
  public boolean isLogging() {
    return logging;
  }

  /**
   * Sets whether operations are logged.
   *
   * @param logging true to add the logging layer
   */
  public void setLogging(boolean logging) {
    this.logging = logging;
  }

  /**
   * Extra backend config.
   *
   * @return the backend config keys and values
   */
  public Map<String, String> getConfig() {
    return config;
  }

  /**
   * Sets extra backend config.
   *
   * @param config backend config keys and values
   */
  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  /**
   * The retry properties.
   *
   * @return the retry properties
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * The timeout properties.
   *
   * @return the timeout properties
   */
  public Timeout getTimeout() {
    return timeout;
  }

  /** Retries of temporary failures (rdal's RetryLayer), off unless enabled. */
  public static class Retry {

    /** Whether temporary failures are retried (and broken read bodies resumed). */
    private boolean enabled = false;

    /** Retries after the first attempt. */
    private int maxRetries = 3;

    /** The delay before the first retry; each next one doubles, up to max-backoff. */
    private Duration firstBackoff = Duration.ofMillis(100);

    /** The longest delay between two attempts. */
    private Duration maxBackoff = Duration.ofSeconds(5);

    /** No retry starts once this much time has passed since the first attempt. */
    private Duration maxElapsed = Duration.ofSeconds(30);

    /**
     * Whether retrying is on.
     *
     * @return true when temporary failures are retried
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether retrying is on.
     *
     * @param enabled true to retry temporary failures
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The retries after the first attempt.
     *
     * @return the number of retries
     */
    public int getMaxRetries() {
      return maxRetries;
    }

    /**
     * Sets the retries after the first attempt.
     *
     * @param maxRetries a number of retries, at least 0
     */
    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    /**
     * The first backoff.
     *
     * @return the delay before the first retry
     */
    public Duration getFirstBackoff() {
      return firstBackoff;
    }

    /**
     * Sets the first backoff.
     *
     * @param firstBackoff the delay before the first retry
     */
    public void setFirstBackoff(Duration firstBackoff) {
      this.firstBackoff = firstBackoff;
    }

    /**
     * The longest backoff.
     *
     * @return the longest delay between two attempts
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets the longest backoff.
     *
     * @param maxBackoff the longest delay, at least the first backoff
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /**
     * The bound on the time spent retrying.
     *
     * @return the bound
     */
    public Duration getMaxElapsed() {
      return maxElapsed;
    }

    /**
     * Sets the bound on the time spent retrying.
     *
     * @param maxElapsed the bound, at least 0
     */
    public void setMaxElapsed(Duration maxElapsed) {
      this.maxElapsed = maxElapsed;
    }
  }

  /** Time bounds of each attempt (rdal's TimeoutLayer), on when either is set. */
  public static class Timeout {

    /** The deadline of one attempt of an operation; unset for none. */
    private Duration deadline;

    /** The longest pause between two chunks of a body or entries of a listing; unset for none. */
    private Duration idle;

    /**
     * The deadline of one attempt.
     *
     * @return the deadline, or null for none
     */
    public Duration getDeadline() {
      return deadline;
    }

    /**
     * Sets the deadline of one attempt.
     *
     * @param deadline a positive duration, or null for none
     */
    public void setDeadline(Duration deadline) {
      this.deadline = deadline;
    }

    /**
     * The idle timeout.
     *
     * @return the idle timeout, or null for none
     */
    public Duration getIdle() {
      return idle;
    }

    /**
     * Sets the idle timeout.
     *
     * @param idle a positive duration, or null for none
     */
    public void setIdle(Duration idle) {
      this.idle = idle;
    }
  }
}
