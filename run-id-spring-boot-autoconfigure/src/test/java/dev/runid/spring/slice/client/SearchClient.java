package dev.runid.spring.slice.client;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A client on {@code WebClient} that subscribes on another thread.
 */
@Component
class SearchClient {

	private final WebClient.Builder builder;

	SearchClient(WebClient.Builder builder) {
		this.builder = builder;
	}

	Mono<String> search(String url) {
		return Mono.defer(() -> this.builder.build().get().uri(url).retrieve().bodyToMono(String.class))
			.subscribeOn(Schedulers.boundedElastic());
	}

}
