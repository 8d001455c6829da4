package dev.runid.spring.client;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link WebClientCustomizer} that makes {@code WebClient}s built from Boot's
 * {@code WebClient.Builder}, and the HTTP interface clients built on them, forward the
 * run.
 */
public final class RunIdWebClientCustomizer implements WebClientCustomizer {

	private final RunIdExchangeFilterFunction filter;

	/**
	 * Create a customizer.
	 * @param filter the filter function to add
	 */
	public RunIdWebClientCustomizer(RunIdExchangeFilterFunction filter) {
		this.filter = filter;
	}

	@Override
	public void customize(WebClient.Builder webClientBuilder) {
		webClientBuilder.filters((filters) -> {
			if (!filters.contains(this.filter)) {
				filters.add(this.filter);
			}
		});
	}

}
