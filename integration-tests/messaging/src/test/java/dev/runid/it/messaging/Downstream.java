package dev.runid.it.messaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real downstream HTTP server on a random loopback port that records the run headers of
 * every request and answers with the run header it received, so that a caller can match
 * each answer with its own request.
 */
final class Downstream implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private Downstream(HttpServer server) {
		this.server = server;
		server.createContext("/", this::handle);
		server.setExecutor(this.executor);
		server.start();
	}

	static Downstream start() {
		try {
			return new Downstream(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The URL of this server under a host name.
	 * @param host {@code 127.0.0.1} or {@code localhost}
	 * @return the URL without trailing slash
	 */
	String url(String host) {
		return "http://" + host + ":" + port();
	}

	/**
	 * The next request received, waiting for it up to 10 seconds.
	 * @return the request
	 */
	Received take() {
		try {
			Received next = this.received.poll(10, TimeUnit.SECONDS);
			if (next == null) {
				throw new AssertionError("no request reached the downstream server");
			}
			return next;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void clear() {
		this.received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		List<String> runIds = exchange.getRequestHeaders().getOrDefault("X-Run-Id", List.of());
		List<String> parents = exchange.getRequestHeaders().getOrDefault("X-Parent-Run-Id", List.of());
		this.received.add(new Received(exchange.getRequestURI().getPath(), List.copyOf(runIds), List.copyOf(parents)));
		byte[] body = String.join(",", runIds).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A request the server received.
	 *
	 * @param path the request path
	 * @param runIds the values of {@code X-Run-Id}
	 * @param parentRunIds the values of {@code X-Parent-Run-Id}
	 */
	record Received(String path, List<String> runIds, List<String> parentRunIds) {

	}

}
