package dev.vigil.faults.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between one client and its server, for a network partition between them: while
 * {@linkplain #partition() partitioned} no byte crosses in either direction (what is sent waits in
 * the socket buffers, new connections are accepted but not connected through), as when packets are
 * dropped on the way; after {@link #heal()} the held bytes flow on over the same connections, as
 * TCP delivers them once the path is back.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private volatile boolean partitioned;
  private volatile boolean closed;

  private TcpProxy(ServerSocket server, String targetHost, int targetPort) {
    this.server = server;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpProxy proxy = new TcpProxy(server, targetHost, targetPort);
      Thread.ofVirtual().name("proxy-accept-" + server.getLocalPort()).start(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public String target() {
    return "127.0.0.1:" + port();
  }

  /** From now on nothing crosses. */
  public void partition() {
    partitioned = true;
  }

  /** Traffic flows again, held bytes first. */
  public void heal() {
    synchronized (gate) {
      partitioned = false;
      gate.notifyAll();
    }
  }

  public boolean isPartitioned() {
    return partitioned;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread.ofVirtual().start(() -> connect(client));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void connect(Socket client) {
    try {
      awaitOpen();
      Socket upstream = new Socket();
      sockets.add(upstream);
      upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      Thread.ofVirtual().start(() -> pump(client, upstream));
      pump(upstream, client);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        awaitOpen();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or reset: close the other
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void awaitOpen() {
    synchronized (gate) {
      while (partitioned && !closed) {
        try {
          gate.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void closeQuietly(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    heal();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    sockets.forEach(this::closeQuietly);
  }
}
