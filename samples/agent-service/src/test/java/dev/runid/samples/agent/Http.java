package dev.runid.samples.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;

/**
 * {@code GET} over real HTTP with a plain JDK client, as {@code curl} would: the run
 * registry's endpoint and the dashboard.
 */
final class Http {

	private static final HttpClient client = HttpClient.newHttpClient();

	private Http() {
	}

	static Response get(int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Response(int status, String body) {

		<T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

	}

}
