package dev.runid.spring.cloud;

import java.net.URI;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.web.reactive.RunIdWebFilter;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link HttpHeadersFilter} of Spring Cloud Gateway (server WebFlux) that makes every
 * routed request carry the gateway's run: the run headers the client sent are replaced by
 * those of the request's run, or removed when the route's host is not allowed to receive
 * the run.
 */
public final class RunIdGatewayHttpHeadersFilter implements HttpHeadersFilter {

	private final RunIdForwarding forwarding;

	/**
	 * Create a filter.
	 * @param forwarding what to forward and where
	 */
	public RunIdGatewayHttpHeadersFilter(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		RunId runId = RunIdWebFilter.runIdOf(exchange);
		if (runId == null) {
			runId = RunContext.current().orElse(null);
		}
		URI uri = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		// a copy: the gateway passes the inbound request's read-only headers
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		this.forwarding.replace(runId, uri, headers);
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

}
