package io.loramanager.civitai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.JsonFiles;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The Civitai API for the whole server (anchor-library §5.2, anchor-downloads §2.2): by hash,
 * model, model version (cached), models by ids, versions by hashes. Every call passes the shared
 * offline guard and rate limiter, is retried with backoff on transient failures and on 429 (as long
 * as the requested wait is acceptable), and has its status mapped to a {@link CivitaiFailure} a
 * person understands. The API key is read from the settings on each call and sent only to Civitai
 * hosts; it is never logged.
 */
@ApplicationScoped
public class CivitaiClient {

  private static final Logger LOG = Logger.getLogger(CivitaiClient.class);
  static final String SETTINGS_KEY = "civitai_api_key";

  private final LmConfig.Civitai config;
  private final URI baseUrl;
  private final CivitaiApi api;
  private final SettingsStore settings;
  private final boolean keyAllowed;
  private final RequestPacer pacer;
  private final CivitaiConnectivity connectivity;
  private final ObjectMapper mapper;
  private final VersionCache versions;

  @Inject
  public CivitaiClient(
      LmConfig config,
      SettingsStore settings,
      AllowedHosts hosts,
      RequestPacer pacer,
      CivitaiConnectivity connectivity,
      JsonFiles json) {
    this(config.civitai(), config.civitai().apiUrl(), settings, hosts, pacer, connectivity, json);
  }

  /** A client for another base URL (a mirror), sharing the limiter and the offline state. */
  public CivitaiClient(
      LmConfig.Civitai config,
      URI baseUrl,
      SettingsStore settings,
      AllowedHosts hosts,
      RequestPacer pacer,
      CivitaiConnectivity connectivity,
      JsonFiles json) {
    this.config = config;
    this.baseUrl = baseUrl;
    this.settings = settings;
    this.keyAllowed = hosts.isCivitai(baseUrl);
    this.pacer = pacer;
    this.connectivity = connectivity;
    this.mapper = json.mapper();
    this.versions = new VersionCache(config.versionCacheSize());
    this.api =
        QuarkusRestClientBuilder.newBuilder()
            .baseUri(baseUrl)
            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .property("microprofile.rest.client.disable.default.mapper", true)
            .build(CivitaiApi.class);
  }

  /**
   * The version whose file has this SHA-256, enriched with its model's description, tags, licence
   * and creator; {@link CivitaiFailure.Reason#NOT_FOUND} when Civitai does not know the hash.
   */
  public ObjectNode versionByHash(String sha256) {
    String hash = sha256.trim().toLowerCase(java.util.Locale.ROOT);
    String what = "the model version with hash " + hash;
    ObjectNode version =
        CivitaiPayloads.version(call(what, auth -> api.versionByHash(hash, auth)), what);
    enrichFromModel(version);
    return version;
  }

  /** A model with its {@code modelVersions}. */
  public ObjectNode model(long modelId) {
    String what = "model " + modelId;
    return CivitaiPayloads.model(call(what, auth -> api.model(modelId, auth)), what);
  }

  /**
   * A model version by id; successful answers are cached ({@code lm.civitai.version-cache-size}).
   */
  public ObjectNode version(long versionId) {
    ObjectNode cached = versions.get(versionId);
    if (cached != null) {
      return cached;
    }
    String what = "model version " + versionId;
    ObjectNode version =
        CivitaiPayloads.version(call(what, auth -> api.version(versionId, auth)), what);
    versions.put(versionId, version);
    return version;
  }

  /**
   * A version by id enriched with its model's data (anchor-downloads §2.2: description, tags,
   * licence, creator), as the download flow reads it; the version alone when its model cannot be
   * fetched. A copy: the cached version stays as Civitai sent it.
   */
  public ObjectNode enrichedVersion(long versionId) {
    ObjectNode version = version(versionId).deepCopy();
    JsonNode modelId = version.path("modelId");
    if (modelId.canConvertToLong()) {
      try {
        CivitaiPayloads.enrich(version, model(modelId.asLong()));
      } catch (CivitaiFailure e) {
        LOG.infof("Version %d used without its model's data: %s", versionId, e.getMessage());
      }
    }
    return version;
  }

  /**
   * The version to relink a model to (anchor-downloads §2.2): the model's version with {@code
   * versionId} (the first one when it is null or unknown), fetched in full and enriched with the
   * model data; built from the model's own list when the version itself cannot be fetched.
   */
  public ObjectNode modelVersion(long modelId, Long versionId) {
    ObjectNode model = model(modelId);
    JsonNode listed = model.path("modelVersions");
    ObjectNode chosen = null;
    for (JsonNode entry : listed) {
      if (versionId != null && entry.path("id").asLong() == versionId) {
        chosen = (ObjectNode) entry;
      }
    }
    if (chosen == null && !listed.isEmpty()) {
      // As the reference: an unknown version id falls back to the model's first (newest) one.
      if (versionId != null) {
        LOG.warnf(
            "Civitai model %d has no version %d; using its first version", modelId, versionId);
      }
      chosen = (ObjectNode) listed.get(0);
    }
    if (chosen == null) {
      if (versionId == null) {
        throw new CivitaiFailure(
            CivitaiFailure.Reason.NOT_FOUND, "Civitai model " + modelId + " has no versions");
      }
      ObjectNode version = version(versionId);
      CivitaiPayloads.enrich(version, model);
      return version;
    }
    ObjectNode version;
    try {
      version = version(chosen.path("id").asLong());
    } catch (CivitaiFailure e) {
      if (e.reason() != CivitaiFailure.Reason.NOT_FOUND) {
        throw e;
      }
      version = chosen.deepCopy();
      version.remove("index");
    }
    version.put("modelId", modelId);
    CivitaiPayloads.enrich(version, model);
    return version;
  }

  /** Several models at once ({@code GET /models?ids=}), as Civitai's {@code items}. */
  public ArrayNode models(List<Long> modelIds) {
    String ids = modelIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    String what = "models " + ids;
    JsonNode answer = call(what, auth -> api.models(ids, true, auth));
    JsonNode items = answer.path("items");
    if (!items.isArray()) {
      throw CivitaiPayloads.malformed(what, "field 'items' should be an array");
    }
    for (JsonNode item : items) {
      CivitaiPayloads.model(item, what);
    }
    return (ArrayNode) items;
  }

  /**
   * One posted image with its generation {@code meta} ({@code GET /images?imageId=&nsfw=X
   * &withMeta=true}, anchor-recipes §2.9); {@link CivitaiFailure.Reason#NOT_FOUND} when Civitai
   * lists no such image.
   */
  public ObjectNode image(long imageId) {
    String what = "image " + imageId;
    JsonNode items = call(what, auth -> api.image(imageId, "X", true, auth)).path("items");
    if (!items.isArray()) {
      throw CivitaiPayloads.malformed(what, "field 'items' should be an array");
    }
    if (items.isEmpty() || !items.get(0).isObject()) {
      throw new CivitaiFailure(
          CivitaiFailure.Reason.NOT_FOUND, "Image not found on Civitai: " + what);
    }
    return (ObjectNode) items.get(0);
  }

  /** The versions of up to 100 hashes at once ({@code POST /model-versions/by-hash}). */
  public ArrayNode versionsByHashes(List<String> hashes) {
    String what = hashes.size() + " model versions by hash";
    JsonNode answer = call(what, auth -> api.versionsByHashes(hashes, auth));
    if (!answer.isArray()) {
      throw CivitaiPayloads.malformed(what, "expected a JSON array");
    }
    for (JsonNode item : answer) {
      CivitaiPayloads.version(item, what);
    }
    return (ArrayNode) answer;
  }

  private void enrichFromModel(ObjectNode version) {
    JsonNode modelId = version.get("modelId");
    if (modelId == null || !modelId.canConvertToLong()) {
      CivitaiPayloads.applyLicenseDefaults(
          version.path("model").isObject()
              ? (ObjectNode) version.get("model")
              : version.putObject("model"));
      return;
    }
    try {
      CivitaiPayloads.enrich(version, model(modelId.asLong()));
    } catch (CivitaiFailure e) {
      if (e.reason() != CivitaiFailure.Reason.NOT_FOUND) {
        throw e;
      }
      // The version is still useful without its model's extras.
      CivitaiPayloads.enrich(version, mapper.createObjectNode());
    }
  }

  /** Runs one request with the guard, the limiter, the retries and the status mapping. */
  private JsonNode call(String what, Function<String, Response> request) {
    connectivity.requireOnline();
    String authorization = authorization();
    int attempts = Math.max(1, config.retryAttempts());
    CivitaiFailure last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      pacer.acquire();
      Response response;
      try {
        response = request.apply(authorization);
      } catch (WebApplicationException e) {
        response = e.getResponse();
      } catch (ProcessingException e) {
        if (unreachable(e)) {
          throw connectivity.markOffline(describe(e));
        }
        last =
            new CivitaiFailure(
                CivitaiFailure.Reason.SERVER,
                "Civitai request for " + what + " failed: " + describe(e));
        waitBeforeRetry(attempt, attempts, backoff(attempt));
        continue;
      }
      connectivity.markOnline();
      try (Response answer = response) {
        int status = answer.getStatus();
        if (status >= 200 && status < 300) {
          return CivitaiPayloads.parse(mapper, answer.readEntity(String.class), what);
        }
        last = failure(status, answer, what);
      }
      LOG.debugf("Civitai attempt %d of %d for %s: %s", attempt, attempts, what, last.getMessage());
      if (last.reason() == CivitaiFailure.Reason.RATE_LIMITED) {
        Duration wait =
            last.retryAfterSeconds() > 0
                ? Duration.ofSeconds(last.retryAfterSeconds())
                : backoff(attempt);
        if (wait.compareTo(config.maxRetryAfter()) >= 0) {
          throw last;
        }
        waitBeforeRetry(attempt, attempts, wait);
      } else if (last.reason() == CivitaiFailure.Reason.SERVER) {
        waitBeforeRetry(attempt, attempts, backoff(attempt));
      } else {
        throw last;
      }
    }
    throw last;
  }

  private void waitBeforeRetry(int attempt, int attempts, Duration wait) {
    if (attempt >= attempts) {
      return;
    }
    LOG.debugf(
        "Civitai request failed; attempt %d of %d in %d ms",
        attempt + 1, attempts, wait.toMillis());
    long until = System.nanoTime() + wait.toNanos();
    long left;
    while ((left = until - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private Duration backoff(int attempt) {
    return config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private static CivitaiFailure failure(int status, Response response, String what) {
    return switch (status) {
      case 401 ->
          new CivitaiFailure(
              CivitaiFailure.Reason.UNAUTHORIZED,
              "Civitai refused the request (401 Unauthorized): the Civitai API key is missing or"
                  + " invalid. Set civitai_api_key in settings.json or LM_CIVITAI_API_KEY");
      case 403 ->
          new CivitaiFailure(
              CivitaiFailure.Reason.FORBIDDEN,
              "Civitai refused access to " + what + " (403 Forbidden)");
      case 404 ->
          new CivitaiFailure(
              CivitaiFailure.Reason.NOT_FOUND, "Model not found on Civitai: " + what);
      case 429 -> {
        long seconds = retryAfterSeconds(response.getHeaderString("Retry-After"));
        yield new CivitaiFailure(
            CivitaiFailure.Reason.RATE_LIMITED,
            "Rate limited by Civitai; retry after approximately " + Math.max(seconds, 1) + " s",
            seconds);
      }
      default ->
          new CivitaiFailure(
              CivitaiFailure.Reason.SERVER,
              "Civitai request for " + what + " failed with status " + status);
    };
  }

  /** {@code Retry-After} as seconds from now: a number of seconds or an HTTP date; 0 if absent. */
  static long retryAfterSeconds(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    String value = header.trim();
    try {
      return Math.max(0, Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        long millis = at.toInstant().toEpochMilli() - System.currentTimeMillis();
        return Math.max(0, (millis + 999) / 1000);
      } catch (DateTimeParseException notDate) {
        return 0;
      }
    }
  }

  /** The Bearer header, read from the settings on every call; null when none or not Civitai. */
  private String authorization() {
    if (!keyAllowed) {
      return null;
    }
    String key = settings.string(SETTINGS_KEY, "").trim();
    if (key.isEmpty()) {
      key = config.apiKey().map(String::trim).orElse("");
    }
    return key.isEmpty() ? null : "Bearer " + key;
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String kind = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  /** The base URL this client talks to. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** How many versions the cache holds (for tests and diagnostics). */
  public int cachedVersions() {
    return versions.size();
  }
}
