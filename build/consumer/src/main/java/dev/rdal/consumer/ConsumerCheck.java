package dev.rdal.consumer;

import dev.rdal.Operator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes and reads one object through the installed artifacts, and checks the s3 backend is found. */
public final class ConsumerCheck {

  private ConsumerCheck() {}

  /**
   * Runs the check; exits non-zero on any failure.
   *
   * @param args none
   */
  public static void main(String[] args) {
    if (!Operator.knownSchemes().contains("s3")) {
      throw new IllegalStateException("the s3 backend is not on the class path: " + Operator.knownSchemes());
    }
    try (Operator op = Operator.of("memory:")) {
      op.write("hello.txt", "hello from the installed artifacts".getBytes(StandardCharsets.UTF_8))
          .block(Duration.ofSeconds(30));
      String read = new String(op.readAllBytes("hello.txt").block(Duration.ofSeconds(30)), StandardCharsets.UTF_8);
      if (!read.equals("hello from the installed artifacts")) {
        throw new IllegalStateException("read back '" + read + "'");
      }
      System.out.println("consumer check: read '" + read + "' with schemes " + Operator.knownSchemes());
    }
  }
}
