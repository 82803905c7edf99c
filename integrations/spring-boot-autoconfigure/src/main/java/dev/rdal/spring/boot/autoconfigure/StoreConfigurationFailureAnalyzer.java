package dev.rdal.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link StoreConfigurationException} into Boot's startup failure report: the property at fault and
 * what is wrong with it, without a stack trace.
 */
public class StoreConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<StoreConfigurationException> {

  /** Creates the analyzer; Boot calls it. */
  public StoreConfigurationFailureAnalyzer() {
  }

  /**
   * Describes the failure.
   *
   * @param rootFailure the failure that stopped startup
   * @param cause the store configuration error within it
   * @return the analysis naming the property
   */
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StoreConfigurationException cause) {
    return new FailureAnalysis("The rdal store property '" + cause.property() + "' is invalid: "
        + cause.getMessage().substring(cause.property().length() + 2),
        "Correct '" + cause.property() + "' in your configuration (see the rdal-spring-boot-starter README "
            + "for every property).", cause);
  }
}
