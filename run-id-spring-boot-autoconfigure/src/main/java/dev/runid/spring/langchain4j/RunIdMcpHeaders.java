package dev.runid.spring.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import org.jspecify.annotations.Nullable;

/**
 * Headers that make LangChain4j's MCP client forward the current run to an MCP server
 * over HTTP: give {@link #supplier(String)} to the transport's dynamic headers,
 * <pre>{@code
 * String url = "http://tools.internal:8080/mcp";
 * McpTransport transport = StreamableHttpMcpTransport.builder()
 *     .url(url)
 *     .customHeaders(RunIdMcpHeaders.supplier(url))
 *     .build();
 * }</pre> The transport calls the supplier on the thread that sends the MCP request, so
 * every request sent while a run is current ({@code tools/call} from a model's tool call,
 * {@code tools/list}, ...) carries it, with the same rules as the other clients: the host
 * of the server must be allowed ({@code run-id.outbound.allowed-hosts}) and nothing is
 * sent with {@code run-id.outbound.enabled=false} or while no run-id application runs.
 */
public final class RunIdMcpHeaders {

	private RunIdMcpHeaders() {
	}

	/**
	 * The dynamic headers for the transport to an MCP server.
	 * @param serverUrl the URL of the MCP server, as given to the transport
	 * @return a thread-safe supplier of the run's headers: an empty map when no run is
	 * current or the server's host is not allowed
	 */
	public static Supplier<Map<String, String>> supplier(String serverUrl) {
		@Nullable String host = RunIdHostFilter.hostOf(serverUrl);
		return () -> headers(host);
	}

	private static Map<String, String> headers(@Nullable String host) {
		RunId runId = RunContext.current().orElse(null);
		RunIdLangChain4jForwarding application = RunIdLangChain4jForwarding.current();
		RunIdForwarding forwarding = (application != null) ? application.forwarding() : null;
		if (runId == null || forwarding == null || !forwarding.hosts().allows(host)) {
			return Map.of();
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		forwarding.apply(runId, host, headers);
		Map<String, String> flat = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> flat.put(name, values.get(0)));
		return flat;
	}

}
