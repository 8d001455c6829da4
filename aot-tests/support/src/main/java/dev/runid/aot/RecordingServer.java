package dev.runid.aot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream HTTP server on 127.0.0.1 and a random port that answers every request with
 * {@code ok} and records its headers. Thread-safe.
 */
public final class RecordingServer implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

	private RecordingServer(HttpServer server) {
		this.server = server;
		server.createContext("/", this::record);
		server.start();
	}

	/**
	 * Start a server.
	 * @return the started server
	 */
	public static RecordingServer start() {
		try {
			return new RecordingServer(
					HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void record(HttpExchange exchange) throws IOException {
		this.requests.add(Map.copyOf(exchange.getRequestHeaders()));
		byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * The address of the server.
	 * @return its base address, without a trailing slash
	 */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * The values of one header in the requests received so far, in order; a request
	 * without it adds nothing.
	 * @param name the header name, case-insensitive
	 * @return the values
	 */
	public List<String> header(String name) {
		return this.requests.stream()
			.flatMap((headers) -> headers.entrySet().stream())
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.flatMap((entry) -> entry.getValue().stream())
			.toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
