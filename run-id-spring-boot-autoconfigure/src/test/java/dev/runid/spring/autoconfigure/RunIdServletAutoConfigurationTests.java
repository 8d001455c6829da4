package dev.runid.spring.autoconfigure;

import java.util.EnumSet;

import dev.runid.spring.web.servlet.RunIdErrorAttributes;
import dev.runid.spring.web.servlet.RunIdProblemDetailAdvice;
import dev.runid.spring.web.servlet.RunIdServletFilter;
import dev.runid.spring.web.servlet.RunIdWebMvcConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdServletAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdServletAutoConfiguration.class));

	@Test
	@SuppressWarnings("unchecked")
	void registersFilterForAllDispatchesBeforeObservationAndSecurity() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FilterRegistrationBean.class)
				.hasSingleBean(RunIdProblemDetailAdvice.class)
				.hasSingleBean(RunIdErrorAttributes.class)
				.hasSingleBean(RunIdWebMvcConfigurer.class);
			FilterRegistrationBean<RunIdServletFilter> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(RunIdServletFilter.class);
			assertThat(registration.getOrder()).isEqualTo(RunIdServletFilter.ORDER)
				.isEqualTo(Ordered.HIGHEST_PRECEDENCE)
				.isLessThan(Ordered.HIGHEST_PRECEDENCE + 1)
				.isLessThan(-100);
			assertThat(registration).extracting("dispatcherTypes")
				.isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
			assertThat(registration.isAsyncSupported()).isTrue();
		});
	}

	@Test
	void backsOffForUserFilterRegistration() {
		this.contextRunner.withUserConfiguration(UserFilter.class).run((context) -> {
			assertThat(context).hasSingleBean(RunIdServletFilter.class);
			assertThat(context.getBean(RunIdServletFilter.class)).isSameAs(context.getBean("userRunIdFilter"));
			assertThat(context).doesNotHaveBean("runIdServletFilter");
		});
	}

	@Test
	void backsOffForUserWebMvcConfigurer() {
		this.contextRunner.withBean("userConfigurer", RunIdWebMvcConfigurer.class, RunIdWebMvcConfigurer::new)
			.run((context) -> assertThat(context).hasSingleBean(RunIdWebMvcConfigurer.class)
				.hasBean("userConfigurer")
				.doesNotHaveBean("runIdWebMvcConfigurer"));
	}

	@Test
	void backsOffForUserErrorAttributes() {
		this.contextRunner.withUserConfiguration(UserErrorAttributes.class).run((context) -> {
			assertThat(context).hasSingleBean(ErrorAttributes.class).doesNotHaveBean(RunIdErrorAttributes.class);
		});
	}

	@Test
	void switchedOffByProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("runIdServletFilter")
				.doesNotHaveBean(RunIdProblemDetailAdvice.class));
	}

	@Test
	void keepsFilterWithoutOncePerRequestFilter() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OncePerRequestFilter.class))
			.run((context) -> assertThat(context).hasBean("runIdServletFilter"));
	}

	@Test
	void backsOffWithoutServletApi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Filter.class))
			.run((context) -> assertThat(context).doesNotHaveBean("runIdServletFilter"));
	}

	@Test
	void keepsFilterWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.run((context) -> assertThat(context).hasBean("runIdServletFilter")
				.doesNotHaveBean(RunIdProblemDetailAdvice.class));
	}

	@Test
	void notInReactiveApplication() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdServletAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("runIdServletFilter"));
	}

	@Test
	void notInNonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdServletAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("runIdServletFilter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilter {

		@Bean
		RunIdServletFilter userRunIdFilter(dev.runid.spring.web.RunIdInboundResolver resolver) {
			return new RunIdServletFilter(resolver, true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserErrorAttributes {

		@Bean
		DefaultErrorAttributes userErrorAttributes() {
			return new DefaultErrorAttributes();
		}

	}

}
