package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.RdalException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the multistatus parser and the href mapping with jqwik. Tries are moderate so the default build stays
 * quick; raise them with {@code -Djqwik.tries.default} for a longer hunt.
 */
class MultistatusFuzzTest {

  private static final WebDavPaths PATHS = new WebDavPaths(URI.create("http://h:1/r%C3%B6%C3%B6t/"));

  @Property(tries = 300)
  void arbitraryBytesParseOrFailTyped(@ForAll @Size(max = 2000) byte[] input) {
    parseOrTypedError(input);
  }

  @Property(tries = 300)
  void mutatedDocumentsParseOrFailTyped(@ForAll("mutated") byte[] input) {
    parseOrTypedError(input);
  }

  private static void parseOrTypedError(byte[] input) {
    try {
      List<Multistatus.Entry> entries = Multistatus.parse(input);
      for (Multistatus.Entry e : entries) {
        assertThat(e.href()).isNotEmpty();
        assertThat(e.size()).isGreaterThanOrEqualTo(0);
        PATHS.pathOf(e.href(), e.collection()); // never throws
      }
    } catch (RdalException expected) {
      // a malformed answer is a typed error, never another exception
    }
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    String doc = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/r%C3%B6%C3%B6t/a</D:href>"
        + "<D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype><D:getcontentlength>5</D:getcontentlength>"
        + "<D:getetag>\"e\"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
        + "</D:multistatus>";
    byte[] base = doc.getBytes(StandardCharsets.UTF_8);
    return Arbitraries.integers().between(0, base.length - 1).list().ofMinSize(1).ofMaxSize(8)
        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
          byte[] b = base.clone();
          for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i)] = values.get(i);
          }
          return b;
        }));
  }

  @Property(tries = 300)
  void namesRoundTripThroughHrefs(@ForAll("names") List<String> segments, @ForAll boolean absolute, @ForAll boolean collection) {
    String path = String.join("/", segments);
    String url = PATHS.url(path + (collection ? "/" : ""));
    String href = absolute ? url : url.substring("http://h:1".length());
    String doc = "<multistatus xmlns=\"DAV:\"><response><href>" + href + "</href><propstat><prop><resourcetype>"
        + (collection ? "<collection/>" : "") + "</resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat>"
        + "</response></multistatus>";
    List<Multistatus.Entry> e = Multistatus.parse(doc.getBytes(StandardCharsets.UTF_8));
    assertThat(e).hasSize(1);
    assertThat(e.get(0).collection()).isEqualTo(collection);
    assertThat(PATHS.pathOf(e.get(0).href(), e.get(0).collection())).isEqualTo(path + (collection ? "/" : ""));
  }

  @Provide
  Arbitrary<List<String>> names() {
    Arbitrary<String> segment = Arbitraries.strings()
        .withCharRange(' ', '~').withCharRange('\u00a0', '\u024f').withChars('日', '本', '\uD83D', '\uDE00')
        .ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.contains("/") && !s.equals(".") && !s.equals("..") && isWellFormed(s));
    return segment.list().ofMinSize(1).ofMaxSize(4);
  }

  private static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
