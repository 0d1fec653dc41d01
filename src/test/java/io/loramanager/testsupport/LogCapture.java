package io.loramanager.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records every log line of the running server while open — our loggers at every level, the rest as
 * configured — with its parameters and exception, so a test can check what was (never) logged.
 */
public final class LogCapture implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Logger ours = Logger.getLogger("io.loramanager");
  private final Level previous = ours.getLevel();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          Object[] params = record.getParameters() == null ? new Object[0] : record.getParameters();
          lines.add(record.getMessage() + " " + List.of(params));
          if (record.getThrown() != null) {
            lines.add(String.valueOf(record.getThrown()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    ours.setLevel(Level.ALL);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every line so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    ours.setLevel(previous);
  }
}
