package dev.runid.spring.web.servlet;

import java.util.Map;
import java.util.Optional;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the current run as a {@code runId} member to every {@link ProblemDetail} body
 * written by Spring MVC, from {@code spring.mvc.problemdetails.enabled} or from the
 * application's own exception handlers.
 */
@ControllerAdvice
public final class RunIdProblemDetailAdvice implements ResponseBodyAdvice<Object> {

	/**
	 * Only return types that can carry a {@link ProblemDetail}: the type itself and its
	 * subclasses, its supertypes ({@code Object}), interfaces (a subclass may implement
	 * them), {@code ResponseEntity} and other {@link HttpEntity} types, {@link Optional}
	 * and {@link ErrorResponse}; so the advice chain skips {@code String}, arrays and
	 * other classes.
	 */
	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		Class<?> type = returnType.getParameterType();
		return type.isAssignableFrom(ProblemDetail.class) || ProblemDetail.class.isAssignableFrom(type)
				|| type.isInterface() || HttpEntity.class.isAssignableFrom(type) || Optional.class == type;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			Map<String, @Nullable Object> properties = problem.getProperties();
			if (properties == null || !properties.containsKey(RunIdErrorAttributes.RUN_ID)) {
				RunId runId = RunContext.current().orElse(null);
				if (runId != null) {
					problem.setProperty(RunIdErrorAttributes.RUN_ID, runId.value());
				}
			}
		}
		return body;
	}

}
