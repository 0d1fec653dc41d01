package io.loramanager.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes the JSON files users keep (sidecars, settings, recipes) in the layout the
 * reference writes: two-space indent, {@code "key": value}, UTF-8 with non-ASCII kept as is.
 */
@ApplicationScoped
public class JsonFiles {

  private final ObjectMapper mapper;
  private final DefaultPrettyPrinter printer;

  @Inject
  public JsonFiles(ObjectMapper mapper) {
    // Files keep decimals exactly and plainly, whatever the injected mapper's settings.
    this.mapper =
        mapper
            .copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    this.printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Parses a file that must hold a JSON object. */
  public ObjectNode readObject(Path file) throws IOException {
    JsonNode node = mapper.readTree(Files.readAllBytes(file));
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object: " + file);
    }
    return (ObjectNode) node;
  }

  /** Serialises in the reference layout. */
  public byte[] toBytes(JsonNode node) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
      // A pretty printer keeps nesting state: one fresh instance per document.
      generator.setPrettyPrinter(printer.createInstance());
      mapper.writeTree(generator, node);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes atomically (see {@link AtomicFiles}). */
  public void write(Path file, JsonNode node) throws IOException {
    AtomicFiles.write(file, toBytes(node));
  }
}
