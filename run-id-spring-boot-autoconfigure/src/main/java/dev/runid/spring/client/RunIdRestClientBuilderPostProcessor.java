package dev.runid.spring.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.client.RestClient;

/**
 * Applies {@link RunIdRestClientCustomizer} to every {@link RestClient.Builder} bean of
 * the application, not only to Boot's: a builder the application defines itself (for
 * example a {@code @LoadBalanced} one, as Spring Cloud's documentation shows, built with
 * {@code RestClient.builder()}) forwards the run too. The customizer adds its interceptor
 * once, so Boot's own builder, which it has already customized, is left as it is.
 */
public final class RunIdRestClientBuilderPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<RunIdRestClientCustomizer> customizer;

	/**
	 * Create a post-processor.
	 * @param customizer the customizer to apply, looked up when the first builder is made
	 */
	public RunIdRestClientBuilderPostProcessor(ObjectProvider<RunIdRestClientCustomizer> customizer) {
		this.customizer = customizer;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestClient.Builder builder) {
			RunIdRestClientCustomizer customizer = this.customizer.getIfAvailable();
			if (customizer != null) {
				customizer.customize(builder);
			}
		}
		return bean;
	}

}
