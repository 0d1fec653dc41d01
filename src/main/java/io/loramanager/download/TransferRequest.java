package io.loramanager.download;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One file to fetch.
 *
 * @param url where to fetch it (every redirect hop is checked against the outbound policy)
 * @param target the final file; bytes go to {@code <target>.part} until verified
 * @param expectedSize the size the file must have, when known beforehand
 * @param expectedSha256 the SHA-256 (hex) the file must have, when published
 * @param civitaiApiKey the Civitai API key, read when a request goes to a Civitai host only
 */
public record TransferRequest(
    URI url,
    Path target,
    OptionalLong expectedSize,
    Optional<String> expectedSha256,
    Supplier<Optional<String>> civitaiApiKey) {

  public TransferRequest {
    expectedSha256 =
        expectedSha256.map(String::trim).filter(s -> !s.isEmpty()).map(TransferRequest::lower);
  }

  /** A request without expectations and without a key. */
  public static TransferRequest of(URI url, Path target) {
    return new TransferRequest(
        url, target, OptionalLong.empty(), Optional.empty(), Optional::empty);
  }

  public TransferRequest withSha256(String sha256) {
    return new TransferRequest(
        url, target, expectedSize, Optional.ofNullable(sha256), civitaiApiKey);
  }

  public TransferRequest withSize(long size) {
    return new TransferRequest(url, target, OptionalLong.of(size), expectedSha256, civitaiApiKey);
  }

  public TransferRequest withApiKey(Supplier<Optional<String>> key) {
    return new TransferRequest(url, target, expectedSize, expectedSha256, key);
  }

  /** Where the bytes are kept until the file is complete and verified. */
  public Path partFile() {
    return partFileOf(target);
  }

  public static Path partFileOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  private static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "TransferRequest[" + url.getHost() + url.getRawPath() + " -> " + target + "]";
  }
}
