package dev.runid.spring.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real downstream HTTP server on 127.0.0.1 that records the headers of every request
 * and answers with the received run header as its body.
 */
public final class RecordingServer implements AutoCloseable {

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	private RecordingServer(HttpServer server) {
		this.server = server;
	}

	public static RecordingServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
			RecordingServer recording = new RecordingServer(server);
			server.createContext("/", (exchange) -> {
				Headers headers = exchange.getRequestHeaders();
				Received request = new Received(exchange.getRequestURI().getPath(),
						headers.getOrDefault("X-Run-Id", List.of()), headers.getOrDefault("X-Parent-Run-Id", List.of()),
						headers.getOrDefault("X-Trace-Me", List.of()), headers.getOrDefault("baggage", List.of()));
				recording.received.add(request);
				byte[] body = String.join(",", request.runIds()).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, (body.length > 0) ? body.length : -1);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.setExecutor(Executors.newFixedThreadPool(8));
			server.start();
			return recording;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public String urlWithHost(String host, String path) {
		return "http://" + host + ":" + this.server.getAddress().getPort() + path;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public Received last() {
		List<Received> all = received();
		return all.get(all.size() - 1);
	}

	public void clear() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	/**
	 * One request the server received.
	 *
	 * @param path the path
	 * @param runIds the values of X-Run-Id
	 * @param parentRunIds the values of X-Parent-Run-Id
	 * @param marker the values of X-Trace-Me
	 * @param baggage the values of the W3C baggage header
	 */
	public record Received(String path, List<String> runIds, List<String> parentRunIds, List<String> marker,
			List<String> baggage) {

		public String runId() {
			return (this.runIds.size() == 1) ? this.runIds.get(0) : String.valueOf(this.runIds);
		}

		public String parentRunId() {
			return (this.parentRunIds.size() == 1) ? this.parentRunIds.get(0) : String.valueOf(this.parentRunIds);
		}

	}

}
