package dev.runid.spring.web.reactive;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * {@link DefaultErrorAttributes} that add the request's run as a {@code runId} member to
 * the error responses of Boot's {@code ErrorWebExceptionHandler}.
 */
public class RunIdErrorAttributes extends DefaultErrorAttributes {

	/**
	 * The name of the error attribute: {@value}.
	 */
	public static final String RUN_ID = "runId";

	@Override
	public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		RunId runId = RunIdWebFilter.runIdOf(request.exchange());
		if (runId == null) {
			runId = RunContext.current().orElse(null);
		}
		if (runId != null) {
			attributes.put(RUN_ID, runId.value());
		}
		return attributes;
	}

}
