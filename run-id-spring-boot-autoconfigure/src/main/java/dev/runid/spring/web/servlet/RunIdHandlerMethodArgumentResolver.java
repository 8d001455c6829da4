package dev.runid.spring.web.servlet;

import dev.runid.RunContext;
import dev.runid.RunId;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a Spring MVC handler method parameter of type {@link RunId} to the request's
 * run.
 */
public final class RunIdHandlerMethodArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return RunId.class == parameter.getParameterType();
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		RunId runId = RunContext.current().orElse(null);
		if (runId == null) {
			HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
			runId = (request != null) ? RunIdServletFilter.runIdOf(request) : null;
		}
		if (runId == null && !parameter.isOptional()) {
			throw new IllegalStateException("No run is current for parameter '" + parameter.getParameterName()
					+ "': is the run-id filter registered (run-id.enabled)?");
		}
		return runId;
	}

}
