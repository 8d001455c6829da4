package dev.runid.spring.web.reactive;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.SyncHandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves a Spring WebFlux handler method parameter of type {@link RunId} to the
 * request's run.
 */
public final class RunIdHandlerMethodArgumentResolver implements SyncHandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return RunId.class == parameter.getParameterType();
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		RunId runId = RunIdWebFilter.runIdOf(exchange);
		if (runId == null) {
			runId = RunContext.current().orElse(null);
		}
		if (runId == null && !parameter.isOptional()) {
			throw new IllegalStateException("No run is current for parameter '" + parameter.getParameterName()
					+ "': is the run-id filter registered (run-id.enabled)?");
		}
		return runId;
	}

}
