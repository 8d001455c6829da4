package dev.runid.spring.web.reactive;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real downstream HTTP server on 127.0.0.1 that records the run headers of every
 * request and answers with the received run header as its body ({@code none} without).
 */
public final class HeaderRecordingServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	public HeaderRecordingServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			Headers headers = exchange.getRequestHeaders();
			Received request = new Received(exchange.getRequestURI().getPath(),
					headers.getOrDefault("X-Run-Id", List.of()), headers.getOrDefault("X-Parent-Run-Id", List.of()));
			this.received.add(request);
			byte[] body = (request.runIds().isEmpty() ? "none" : String.join(",", request.runIds()))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public Received last() {
		List<Received> all = received();
		if (all.isEmpty()) {
			throw new IllegalStateException("The downstream server received no request");
		}
		return all.get(all.size() - 1);
	}

	public void clear() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request the server received.
	 *
	 * @param path the path
	 * @param runIds the values of X-Run-Id
	 * @param parentRunIds the values of X-Parent-Run-Id
	 */
	public record Received(String path, List<String> runIds, List<String> parentRunIds) {

	}

}
