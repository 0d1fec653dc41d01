package io.loramanager.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A connection read through its socket's stream: the TLS path, since JSSE decrypts into arrays
 * anyway. Reads into a direct buffer go through a scratch array.
 */
final class StreamWire implements Wire {

  private final Socket tcp;
  private final Socket wire;
  private final InputStream in;
  private byte[] scratch;

  /** {@code wire} is {@code tcp} itself or a TLS socket layered on it. */
  StreamWire(Socket tcp, Socket wire) throws IOException {
    this.tcp = tcp;
    this.wire = wire;
    this.in = wire.getInputStream();
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    return in.read(target, offset, length);
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    if (target.hasArray()) {
      int n = in.read(target.array(), target.arrayOffset() + target.position(), target.remaining());
      if (n > 0) {
        target.position(target.position() + n);
      }
      return n;
    }
    if (scratch == null) {
      scratch = new byte[64 * 1024];
    }
    int n = in.read(scratch, 0, Math.min(scratch.length, target.remaining()));
    if (n > 0) {
      target.put(scratch, 0, n);
    }
    return n;
  }

  @Override
  public void timeout(int millis) throws IOException {
    wire.setSoTimeout(millis);
  }

  @Override
  public Socket socket() {
    return tcp;
  }

  @Override
  public void close() {
    HttpExchange.closeQuietly(tcp);
  }
}
