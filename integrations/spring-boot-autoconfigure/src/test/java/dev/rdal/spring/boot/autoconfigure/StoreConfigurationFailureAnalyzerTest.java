package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A store configuration error is reported by the property it names. */
class StoreConfigurationFailureAnalyzerTest {

  @Test
  void theReportNamesTheProperty() {
    StoreConfigurationException cause = new StoreConfigurationException("rdal.stores.docs.uri", "unknown scheme 'nope'");
    FailureAnalysis analysis = new StoreConfigurationFailureAnalyzer()
        .analyze(new BeanCreationException("rdalStoreRegistry", "failed", cause));
    assertThat(analysis.getDescription())
        .isEqualTo("The rdal store property 'rdal.stores.docs.uri' is invalid: unknown scheme 'nope'");
    assertThat(analysis.getAction()).contains("rdal.stores.docs.uri");
    assertThat(analysis.getCause()).isSameAs(cause);
  }
}
