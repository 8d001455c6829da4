package dev.runid.samples.reactiveagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;

/**
 * Posts a task to {@code /agent/runs} over real HTTP, as {@code curl} would: a plain JDK
 * client, so nothing adds run headers but the test.
 */
final class AgentCall {

	private static final HttpClient client = HttpClient.newHttpClient();

	private AgentCall() {
	}

	static Answer post(int port, String user, String task, String... headers) {
		String body = "{\"user\": \"" + user + "\", \"task\": \"" + task + "\"}";
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agent/runs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("X-Run-Id").orElse(null),
					response.body());
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
	 * The agent's answer.
	 *
	 * @param status the HTTP status
	 * @param runIdHeader the {@code X-Run-Id} response header
	 * @param body the JSON body
	 */
	record Answer(int status, @Nullable String runIdHeader, String body) {

		<T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

	}

}
