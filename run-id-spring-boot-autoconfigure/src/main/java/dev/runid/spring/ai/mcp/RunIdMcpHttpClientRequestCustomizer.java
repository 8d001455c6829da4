package dev.runid.spring.ai.mcp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * Sends the run of an MCP request as the {@code X-Run-Id} / {@code X-Parent-Run-Id}
 * headers on the SDK's HTTP client transports (Streamable HTTP and SSE, which Spring AI's
 * MCP client starter builds with every request customizer bean), with the rules of the
 * other HTTP clients ({@link RunIdForwarding}): a header the request already has wins,
 * and only allowed hosts receive the run.
 * <p>
 * Runs last ({@link Ordered#LOWEST_PRECEDENCE}), so that headers set by the application's
 * customizers win. Thread-safe.
 */
public final class RunIdMcpHttpClientRequestCustomizer implements McpAsyncHttpClientRequestCustomizer, Ordered {

	/**
	 * The W3C baggage header, which {@link RunIdForwarding} fills when baggage is on.
	 */
	private static final String BAGGAGE = "baggage";

	private final RunIdForwarding forwarding;

	/**
	 * Create a customizer.
	 * @param forwarding what to forward and where
	 */
	public RunIdMcpHttpClientRequestCustomizer(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public Publisher<HttpRequest.Builder> customize(HttpRequest.Builder builder, String method, URI endpoint,
			@Nullable String body, McpTransportContext context) {
		return Mono.deferContextual((reactorContext) -> {
			RunId runId = RunIdMcpTransportContext.runOf(context, reactorContext);
			if (runId != null && this.forwarding.hosts().allows(endpoint.getHost())) {
				apply(runId, endpoint, builder);
			}
			return Mono.just(builder);
		});
	}

	private void apply(RunId runId, URI endpoint, HttpRequest.Builder builder) {
		java.net.http.HttpHeaders sent = builder.copy().build().headers();
		List<String> names = List.of(this.forwarding.headerName(), this.forwarding.parentHeaderName(), BAGGAGE);
		HttpHeaders headers = new HttpHeaders();
		for (String name : names) {
			List<String> values = sent.allValues(name);
			if (!values.isEmpty()) {
				headers.put(name, values);
			}
		}
		this.forwarding.apply(runId, endpoint, headers);
		for (String name : names) {
			List<String> values = headers.get(name);
			if (values != null && !values.equals(sent.allValues(name))) {
				builder.setHeader(name, String.join(",", values));
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public String toString() {
		return "RunIdMcpHttpClientRequestCustomizer[" + this.forwarding + "]";
	}

}
