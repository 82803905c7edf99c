package dev.rdal.cli;

import dev.rdal.ErrorKind;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdal presign}: a URL any HTTP client can GET until it expires. */
@Command(name = "presign", description = "Print a URL that reads the object until it expires.")
final class PresignCommand extends StoreCommand {

  @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "1h",
      description = "How long the URL works: 90s, 15m, 1h, 7d or ISO-8601 (PT1H); default 1h.")
  String expires;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The object.")
  String location;

  @Override
  void run() {
    Location loc = location(location);
    Duration ttl = parseDuration(expires, loc.display());
    URI url;
    try {
      url = operator(loc).presignRead(loc.storePath(), ttl).block();
    } catch (RuntimeException e) {
      throw CliFailure.at(loc.display(), e);
    }
    cli().out.println(url);
  }

  static Duration parseDuration(String text, String location) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          default -> throw new NumberFormatException();
        };
      }
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, location, "--expires '" + text
          + "' is not a positive duration such as 15m, 1h or PT1H");
    }
  }
}
