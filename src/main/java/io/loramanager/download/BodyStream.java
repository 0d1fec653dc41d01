package io.loramanager.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read with a timeout per read, which {@code java.net.http} lacks: the client
 * pushes buffers into a small queue, the engine polls it. Demand is a few buffers ahead, so memory
 * stays bounded and a paused reader stops the socket (TCP flow control pauses the server).
 */
final class BodyStream implements Flow.Subscriber<List<ByteBuffer>> {

  /** Buffers (16 KiB each by default) requested ahead of the reader. */
  private static final int AHEAD = 8;

  /** Returned by {@link #poll} at the end of the body (its own instance, never a client's). */
  static final List<ByteBuffer> END = Collections.unmodifiableList(new ArrayList<>());

  private record Failed(Throwable error) {}

  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (closed) {
      subscription.cancel();
    } else {
      subscription.request(AHEAD);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    items.add(buffers);
  }

  @Override
  public void onError(Throwable error) {
    items.add(new Failed(error));
  }

  @Override
  public void onComplete() {
    items.add(END);
  }

  /**
   * The next buffers, {@link #END} at the end of the body, or null when nothing arrived within the
   * timeout. A broken connection is thrown as the IOException the client reported.
   */
  @SuppressWarnings("unchecked")
  List<ByteBuffer> poll(long timeout, TimeUnit unit) throws IOException, InterruptedException {
    Object item = items.poll(timeout, unit);
    if (item == null) {
      return null;
    }
    if (item instanceof Failed failed) {
      throw failed.error() instanceof IOException io ? io : new IOException(failed.error());
    }
    List<ByteBuffer> buffers = (List<ByteBuffer>) item;
    if (buffers != END) {
      subscription.request(1);
    }
    return buffers;
  }

  /** Drops the connection (the body is not wanted any more). */
  void close() {
    closed = true;
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }
}
