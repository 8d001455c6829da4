package dev.runid.spring.client;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * {@link RestClientCustomizer} that makes {@code RestClient}s, and the HTTP interface
 * clients built on them, forward the current run.
 */
public final class RunIdRestClientCustomizer implements RestClientCustomizer {

	private final RunIdClientHttpRequestInterceptor interceptor;

	/**
	 * Create a customizer.
	 * @param interceptor the interceptor to add
	 */
	public RunIdRestClientCustomizer(RunIdClientHttpRequestInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void customize(RestClient.Builder restClientBuilder) {
		restClientBuilder.requestInterceptors((interceptors) -> {
			if (!interceptors.contains(this.interceptor)) {
				interceptors.add(this.interceptor);
			}
		});
	}

}
