package dev.runid.spring.cloud;

import java.net.URI;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.web.servlet.RunIdServletFilter;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * {@link RequestHttpHeadersFilter} of Spring Cloud Gateway (server WebMVC) that makes
 * every routed request carry the gateway's run: the run headers the client sent are
 * replaced by those of the request's run, or removed when the route's host is not allowed
 * to receive the run.
 */
public final class RunIdGatewayMvcHttpHeadersFilter implements RequestHttpHeadersFilter {

	private final RunIdForwarding forwarding;

	/**
	 * Create a filter.
	 * @param forwarding what to forward and where
	 */
	public RunIdGatewayMvcHttpHeadersFilter(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		RunId runId = RunIdServletFilter.runIdOf(request.servletRequest());
		if (runId == null) {
			runId = RunContext.current().orElse(null);
		}
		URI uri = (URI) request.attribute(MvcUtils.GATEWAY_REQUEST_URL_ATTR).orElse(null);
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		this.forwarding.replace(runId, uri, headers);
		return headers;
	}

}
