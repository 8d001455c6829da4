package dev.runid.it.opentelemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream service on loopback that answers every request with 200 and records the
 * headers of the last request to each path.
 */
final class Downstream implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final Map<String, Headers> received = new ConcurrentHashMap<>();

	private Downstream(HttpServer server) {
		this.server = server;
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static Downstream start() {
		try {
			return new Downstream(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * The values of a header of the last request to a path.
	 * @param path the path
	 * @param name the header's name
	 * @return the values, empty if the path was not requested or the header not sent
	 */
	List<String> header(String path, String name) {
		Headers headers = this.received.get(path);
		List<String> values = (headers != null) ? headers.get(name) : null;
		return (values != null) ? values : List.of();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.received.put(exchange.getRequestURI().getPath(), exchange.getRequestHeaders());
		byte[] body = "ok".getBytes();
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
