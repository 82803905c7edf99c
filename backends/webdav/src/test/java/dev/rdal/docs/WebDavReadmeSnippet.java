package dev.rdal.docs;

import dev.rdal.Operator;

/**
 * The webdav README's first example, compiled against the API as written (it names a server of the
 * reader's own, so the module's nginx and rclone tests, not this class, run its calls).
 */
final class WebDavReadmeSnippet {

  private WebDavReadmeSnippet() {
  }

  static void example(byte[] bytes, String user, String password) {
    // tag::webdav-first-look[]
    try (Operator op = Operator.builder("webdav")
        .config("endpoint", "https://dav.example.com/remote.php/dav/files/me/")   // the root every path lives under
        .config("username", user)                                                // or .config("token", bearer)
        .config("password", password)
        .build()) {
      op.write("reports/2026.csv", bytes).block();
    }
    // or: Operator.of("webdav://127.0.0.1:8080/dav/?max_connections=8")   (http)
    //     Operator.of("webdavs://dav.example.com/dav/")                    (https)
    // end::webdav-first-look[]
  }
}
