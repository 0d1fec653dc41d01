package io.loramanager.bench;

import io.loramanager.library.ModelHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ModelHasher#sha256} over a file in the page cache, per read size ({@code
 * hash_chunk_size_mb}). Throughput in MB/s is {@code sizeMiB * 1.048576 / (ms/op / 1000)}; the
 * comparison with {@code openssl dgst -sha256} on 1 GiB is done by {@code bench/run.sh} with {@link
 * HashThroughput}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HashBenchmark {

  @Param("256")
  public int sizeMiB;

  @Param({"1", "4"})
  public int chunkMiB;

  private Path file;

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    file = Files.createTempFile("lm-hash-bench", ".safetensors");
    SplittableRandom random = new SplittableRandom(1);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < sizeMiB; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public String sha256() throws IOException {
    return ModelHasher.sha256(file, chunkMiB << 20);
  }
}
