package dev.runid.spring.autoconfigure;

import java.util.List;

import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.servlet.RunIdErrorAttributes;
import dev.runid.spring.web.servlet.RunIdHandlerMethodArgumentResolver;
import dev.runid.spring.web.servlet.RunIdProblemDetailAdvice;
import dev.runid.spring.web.servlet.RunIdServletFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of run-id for servlet web applications: the inbound
 * {@link RunIdServletFilter}, and for Spring MVC the {@code RunId} handler parameter and
 * the {@code runId} member of error and problem-detail responses.
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class },
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdServletAutoConfiguration {

	@Bean
	@ConditionalOnMissingFilterBean(RunIdServletFilter.class)
	FilterRegistrationBean<RunIdServletFilter> runIdServletFilter(RunIdProperties properties,
			RunIdInboundResolver resolver, ObjectProvider<RunRecorder> recorder) {
		RunIdServletFilter filter = new RunIdServletFilter(resolver, properties.getResponse().isEnabled(),
				recorder.getIfAvailable());
		FilterRegistrationBean<RunIdServletFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setOrder(RunIdServletFilter.ORDER);
		registration.setAsyncSupported(true);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DispatcherServlet.class)
	static class RunIdWebMvcConfiguration {

		@Bean
		WebMvcConfigurer runIdWebMvcConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new RunIdHandlerMethodArgumentResolver());
				}

			};
		}

		@Bean
		@ConditionalOnMissingBean
		RunIdProblemDetailAdvice runIdProblemDetailAdvice() {
			return new RunIdProblemDetailAdvice();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.webmvc.error.DefaultErrorAttributes")
	static class RunIdErrorAttributesConfiguration {

		@Bean
		@ConditionalOnMissingBean(type = "org.springframework.boot.webmvc.error.ErrorAttributes")
		RunIdErrorAttributes errorAttributes() {
			return new RunIdErrorAttributes();
		}

	}

}
