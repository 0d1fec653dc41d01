package io.loramanager.bench;

import io.loramanager.library.ModelHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times {@link ModelHasher#sha256} on one file, several runs in one JVM, for the comparison with
 * {@code openssl dgst -sha256} in {@code bench/run.sh}. Prints each run and a {@code RESULT} line
 * with the median and best throughput.
 *
 * <p>Usage: {@code HashThroughput FILE [RUNS (3)] [CHUNK_MIB (4)]}
 */
public final class HashThroughput {

  private HashThroughput() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: HashThroughput FILE [RUNS] [CHUNK_MIB]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int chunkMiB = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    long size = Files.size(file);
    double[] seconds = new double[runs];
    String hash = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      hash = ModelHasher.sha256(file, chunkMiB << 20);
      seconds[i] = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "run %d: %.3f s, %.0f MB/s  %s%n",
          i + 1,
          seconds[i],
          size / 1e6 / seconds[i],
          hash);
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    double median = sorted[runs / 2];
    System.out.printf(
        Locale.ROOT,
        "RESULT java_sha256_seconds_median=%.3f java_sha256_mb_s_median=%.0f"
            + " java_sha256_mb_s_best=%.0f first_run_seconds=%.3f sha256=%s%n",
        median,
        size / 1e6 / median,
        size / 1e6 / sorted[0],
        seconds[0],
        hash);
  }
}
