package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multistatus parser and href mapping on answers shaped like those real servers send. */
class MultistatusTest {

  private final WebDavPaths paths = new WebDavPaths(URI.create("http://127.0.0.1:8080/dav%20root/"));

  private static byte[] xml(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void propstatGroupsAreMergedAndA404GroupIsIgnored() {
    List<Multistatus.Entry> e = Multistatus.parse(xml("""
        <?xml version="1.0" encoding="utf-8"?>
        <D:multistatus xmlns:D="DAV:">
          <D:response>
            <D:href>/dav%20root/a%20b.txt</D:href>
            <D:propstat>
              <D:prop><D:getcontentlength>42</D:getcontentlength><D:resourcetype/></D:prop>
              <D:status>HTTP/1.1 200 OK</D:status>
            </D:propstat>
            <D:propstat>
              <D:prop><D:getetag>"v1"</D:getetag><D:getlastmodified>Fri, 04 Dec 2026 19:00:00 GMT</D:getlastmodified></D:prop>
              <D:status>HTTP/1.1 200 OK</D:status>
            </D:propstat>
            <D:propstat>
              <D:prop><D:getcontenttype/><D:getcontentlength>999</D:getcontentlength></D:prop>
              <D:status>HTTP/1.1 404 Not Found</D:status>
            </D:propstat>
          </D:response>
        </D:multistatus>"""));
    assertThat(e).hasSize(1);
    Multistatus.Entry f = e.get(0);
    assertThat(f.collection()).isFalse();
    assertThat(f.size()).isEqualTo(42);
    assertThat(f.etag()).isEqualTo("\"v1\"");
    assertThat(f.contentType()).isNull();
    assertThat(f.lastModified()).isEqualTo(Instant.parse("2026-12-04T19:00:00Z"));
    assertThat(paths.pathOf(f.href(), f.collection())).isEqualTo("a b.txt");
  }

  @Test
  void absoluteHrefsTrailingSlashesAndOtherPrefixes() {
    List<Multistatus.Entry> e = Multistatus.parse(xml("""
        <multistatus xmlns="DAV:" xmlns:x="urn:other">
          <response><href>http://127.0.0.1:8080/dav%20root/</href>
            <propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>
          <response><href>http://127.0.0.1:8080/dav%20root/sub%2Fdir/</href>
            <propstat><prop><resourcetype><collection/><x:other/></resourcetype><x:getcontentlength>7</x:getcontentlength></prop>
            <status>HTTP/1.1 200 OK</status></propstat></response>
          <response><href>/dav%20root/caf%C3%A9</href>
            <propstat><prop><getcontentlength> 3 </getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response>
          <response><href>/elsewhere/x</href>
            <propstat><prop><getcontentlength>1</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response>
          <response><href>/dav%20root/gone</href><status>HTTP/1.1 404 Not Found</status></response>
        </multistatus>"""));
    assertThat(e).hasSize(4);
    assertThat(paths.pathOf(e.get(0).href(), e.get(0).collection())).isEqualTo("/");
    assertThat(e.get(1).collection()).isTrue();
    assertThat(e.get(1).size()).isZero();
    assertThat(paths.pathOf(e.get(1).href(), true)).as("an encoded slash cannot hide a segment").isEqualTo("sub/dir/");
    assertThat(paths.pathOf(e.get(2).href(), false)).isEqualTo("café");
    assertThat(e.get(2).size()).isEqualTo(3);
    assertThat(paths.pathOf(e.get(3).href(), false)).as("outside the root").isNull();
  }

  @Test
  void pathsAreEncodedPerSegmentAndDecodeBack() {
    String name = "d i r/ä+b%c#d?e&f;g=h";
    String url = paths.url(name);
    assertThat(url).isEqualTo("http://127.0.0.1:8080/dav%20root/d%20i%20r/%C3%A4%2Bb%25c%23d%3Fe%26f%3Bg%3Dh");
    assertThat(paths.pathOf(url.substring(url.indexOf("/dav")), false)).isEqualTo(name);
    assertThat(paths.pathOf("/dav%20root/a/../../x", false)).as("escapes the root").isNull();
    assertThat(paths.pathOf("/dav%20root/%ZZ", false)).as("malformed escape").isNull();
    assertThat(paths.pathOf("/dav%20root/%C3", false)).as("invalid UTF-8").isNull();
  }

  @Test
  void malformedXmlIsATypedError() {
    assertThatThrownBy(() -> Multistatus.parse(xml("<multistatus xmlns=\"DAV:\"><response>")))
        .isInstanceOfSatisfying(RdalException.class, x -> {
          assertThat(x.kind()).isEqualTo(ErrorKind.UNEXPECTED);
          assertThat(x.isTemporary()).isFalse();
        });
  }

  @Test
  void doctypesAndExternalEntitiesAreRefused() {
    byte[] xxe = xml("""
        <?xml version="1.0"?>
        <!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <multistatus xmlns="DAV:"><response><href>&x;</href></response></multistatus>""");
    assertThatThrownBy(() -> Multistatus.parse(xxe)).isInstanceOf(RdalException.class);
  }

  @Test
  void overlongTextIsRefused() {
    String href = "/dav%20root/" + "a".repeat(Multistatus.MAX_TEXT + 1);
    byte[] doc = xml("<multistatus xmlns=\"DAV:\"><response><href>" + href + "</href></response></multistatus>");
    assertThatThrownBy(() -> Multistatus.parse(doc)).isInstanceOf(RdalException.class);
  }
}
