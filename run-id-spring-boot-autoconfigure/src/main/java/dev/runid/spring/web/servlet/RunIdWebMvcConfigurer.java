package dev.runid.spring.web.servlet;

import java.util.List;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link WebMvcConfigurer} that lets handler methods take the request's
 * {@link dev.runid.RunId} as a parameter.
 */
public final class RunIdWebMvcConfigurer implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RunIdHandlerMethodArgumentResolver());
	}

}
