package dev.runid.spring.web.reactive;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * {@link ErrorResponse.Interceptor} that adds the current run as a {@code runId} member
 * to every {@link ProblemDetail} body that Spring WebFlux renders, from
 * {@code spring.webflux.problemdetails.enabled} or from the application's own exception
 * handlers. Reads the run from {@link RunContext}, where {@link RunIdWebFilter} and the
 * run-id Reactor hooks make the request's run current on every thread the pipeline hops
 * to.
 */
public final class RunIdErrorResponseInterceptor implements ErrorResponse.Interceptor {

	@Override
	public void handleError(ProblemDetail detail, @Nullable ErrorResponse errorResponse) {
		Map<String, @Nullable Object> properties = detail.getProperties();
		if (properties != null && properties.containsKey(RunIdErrorAttributes.RUN_ID)) {
			return;
		}
		RunId runId = RunContext.current().orElse(null);
		if (runId != null) {
			detail.setProperty(RunIdErrorAttributes.RUN_ID, runId.value());
		}
	}

}
