package dev.runid.samples.reactiveagent;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The URL of this application's own server, where the stub LLM and the tools are served
 * unless configured elsewhere.
 */
@Component
final class LocalServer {

	private final Environment environment;

	LocalServer(Environment environment) {
		this.environment = environment;
	}

	/**
	 * The URL of a path on this server; known once the server has started, so also with
	 * {@code server.port=0}.
	 * @param path the path
	 * @return the URL
	 */
	String url(String path) {
		return "http://localhost:" + this.environment.getRequiredProperty("local.server.port") + path;
	}

}
