package dev.rdal.webdav;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit on nginx (Debian's nginx-light with libnginx-mod-http-dav-ext), writes buffered to send their
 * Content-Length (the default). Two cases are skipped
 * for limits of nginx itself, each naming why (see {@link ServerLimits.Nginx}).
 */
@ExtendWith(ServerLimits.Nginx.class)
class NginxKitTest extends WebDavKit {

  @Override
  DavServer startServer() {
    return DavServer.nginx();
  }
}
