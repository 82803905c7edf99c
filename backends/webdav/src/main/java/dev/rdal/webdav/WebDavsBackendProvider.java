package dev.rdal.webdav;

/**
 * Makes {@link WebDavBackend}s for the scheme {@code webdavs}: the same backend, whose URI form
 * {@code webdavs://host:port/root/} means endpoint {@code https://host:port/root/}.
 */
public final class WebDavsBackendProvider extends WebDavBackendProvider {

  /** Creates the provider of the {@code webdavs} scheme. */
  public WebDavsBackendProvider() {
  }

  /**
   * The scheme.
   *
   * @return {@code webdavs}
   */
  @Override
  public String scheme() {
    return "webdavs";
  }

  /**
   * The HTTP scheme of URI-form endpoints.
   *
   * @return {@code https}
   */
  @Override
  protected String httpScheme() {
    return "https";
  }
}
