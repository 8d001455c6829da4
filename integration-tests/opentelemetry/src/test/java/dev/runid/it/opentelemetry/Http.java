package dev.runid.it.opentelemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Real HTTP requests to the application under test.
 */
final class Http {

	private static final HttpClient client = HttpClient.newHttpClient();

	private Http() {
	}

	/**
	 * A GET request.
	 * @param port the port of the application on 127.0.0.1
	 * @param path the path
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	static HttpResponse<String> get(int port, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
