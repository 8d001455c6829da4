package dev.runid.spring.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Applies {@link RunIdWebClientCustomizer} to every {@link WebClient.Builder} bean of the
 * application, not only to Boot's: a builder the application defines itself (for example
 * a {@code @LoadBalanced} one built with {@code WebClient.builder()}) forwards the run
 * too. The customizer adds its filter once, so Boot's own builder, which it has already
 * customized, is left as it is.
 */
public final class RunIdWebClientBuilderPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<RunIdWebClientCustomizer> customizer;

	/**
	 * Create a post-processor.
	 * @param customizer the customizer to apply, looked up when the first builder is made
	 */
	public RunIdWebClientBuilderPostProcessor(ObjectProvider<RunIdWebClientCustomizer> customizer) {
		this.customizer = customizer;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof WebClient.Builder builder) {
			RunIdWebClientCustomizer customizer = this.customizer.getIfAvailable();
			if (customizer != null) {
				customizer.customize(builder);
			}
		}
		return bean;
	}

}
