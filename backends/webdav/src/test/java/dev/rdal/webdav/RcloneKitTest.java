package dev.rdal.webdav;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit on {@code rclone serve webdav} with Basic auth, writes streamed chunked ({@code chunked_upload=true},
 * which rclone accepts), so both upload paths pass the kit. One case is skipped for a limit of rclone itself,
 * naming why (see {@link ServerLimits.Rclone}).
 */
@ExtendWith(ServerLimits.Rclone.class)
class RcloneKitTest extends WebDavKit {

  @Override
  DavServer startServer() {
    return DavServer.rclone();
  }

  @Override
  Map<String, String> extraConfig() {
    return Map.of("chunked_upload", "true");
  }
}
