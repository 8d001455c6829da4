package dev.runid.spring.client;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * {@link RestTemplateCustomizer} that makes {@code RestTemplate}s built from Boot's
 * {@code RestTemplateBuilder} forward the current run.
 */
public final class RunIdRestTemplateCustomizer implements RestTemplateCustomizer {

	private final RunIdClientHttpRequestInterceptor interceptor;

	/**
	 * Create a customizer.
	 * @param interceptor the interceptor to add
	 */
	public RunIdRestTemplateCustomizer(RunIdClientHttpRequestInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		if (!restTemplate.getInterceptors().contains(this.interceptor)) {
			restTemplate.getInterceptors().add(this.interceptor);
		}
	}

}
