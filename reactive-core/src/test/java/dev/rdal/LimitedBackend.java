package dev.rdal;

import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;

/** A backend that declares fewer capabilities than the one it wraps, to test refusals and skips. */
public final class LimitedBackend extends ForwardingBackend {

  private final Capabilities capabilities;

  public LimitedBackend(Backend inner, Capability... absent) {
    super(inner);
    this.capabilities = inner.capabilities().without(absent);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }
}
