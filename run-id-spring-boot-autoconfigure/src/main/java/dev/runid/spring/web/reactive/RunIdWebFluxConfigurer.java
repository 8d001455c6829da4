package dev.runid.spring.web.reactive;

import java.util.List;

import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * {@link WebFluxConfigurer} that lets handler methods take the request's
 * {@link dev.runid.RunId} as a parameter and adds the run to {@code ProblemDetail}
 * responses.
 */
public final class RunIdWebFluxConfigurer implements WebFluxConfigurer {

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new RunIdHandlerMethodArgumentResolver());
	}

	@Override
	public void addErrorResponseInterceptors(List<ErrorResponse.Interceptor> interceptors) {
		interceptors.add(new RunIdErrorResponseInterceptor());
	}

}
