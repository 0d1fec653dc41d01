package io.loramanager.api.access;

import io.loramanager.settings.LmConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who may use the API: with an API token configured, only requests that carry it; without one, only
 * the local machine. A server bound to another address without a token refuses to start.
 */
@ApplicationScoped
public class NetworkAccess {

  private static final Logger LOG = Logger.getLogger(NetworkAccess.class);

  /** Shorter tokens work but are worth a warning: a LAN attacker can try many. */
  static final int MIN_SUGGESTED_LENGTH = 16;

  private final Optional<ApiToken> token;
  private final boolean shortToken;
  private final String host;
  private final boolean exposed;

  @Inject
  public NetworkAccess(
      LmConfig config,
      @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host) {
    // Stripped as the header is, so a stray newline in an env file does not lock everyone out.
    Optional<String> configured = config.apiToken().map(String::strip).filter(t -> !t.isEmpty());
    this.token = configured.map(ApiToken::new);
    this.shortToken = configured.map(t -> t.length() < MIN_SUGGESTED_LENGTH).orElse(false);
    this.host = host;
    this.exposed = !BindAddress.isLoopback(host);
  }

  /** The token requests must carry, if one is configured. */
  public Optional<ApiToken> token() {
    return token;
  }

  /** True when the server listens on an address other machines can reach. */
  public boolean exposed() {
    return exposed;
  }

  /** True when the server must not answer anyone: exposed, yet no token configured. */
  public boolean unprotected() {
    return exposed && token.isEmpty();
  }

  /** Runs before any other start-up work, so nothing is scanned or served when it refuses. */
  void refuseUnprotectedExposure(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    if (unprotected()) {
      String message =
          "Refusing to start: quarkus.http.host is '"
              + host
              + "', which other machines can reach, and no API token is configured. Anyone on"
              + " the network could rename and delete your models. Set LM_API_TOKEN (lm.api-token)"
              + " to a long random secret, or bind to 127.0.0.1.";
      LOG.error(message);
      throw new IllegalStateException(message);
    }
    if (token.isPresent()) {
      LOG.infof(
          "API token required for /api and /ws (listening on %s)%s",
          host, exposed ? "" : ", loopback only");
      if (shortToken) {
        LOG.warnf(
            "The API token is shorter than %d characters; use a long random one (openssl rand"
                + " -hex 32)",
            MIN_SUGGESTED_LENGTH);
      }
    }
  }
}
