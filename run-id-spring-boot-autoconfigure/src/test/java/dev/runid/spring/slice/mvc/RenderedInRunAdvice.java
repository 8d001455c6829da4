package dev.runid.spring.slice.mvc;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Writes the run that is current while a body is written into the header
 * {@code X-Rendered-In}: for an async result that is during the async dispatch, which has
 * the run only when the filter runs for it.
 */
@ControllerAdvice
class RenderedInRunAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		response.getHeaders().set("X-Rendered-In", RunContext.current().map(RunId::value).orElse("none"));
		return body;
	}

}
