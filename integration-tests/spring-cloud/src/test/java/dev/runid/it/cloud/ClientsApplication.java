package dev.runid.it.cloud;

import java.net.URI;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Spring MVC application whose endpoints call a {@link Downstream} through Feign
 * clients (by URL and load-balanced) and load-balanced {@code RestClient} and
 * {@code WebClient} builders; the service {@code downstream} is a static instance of
 * Spring Cloud's simple discovery client.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
		excludeName = "org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration")
@EnableFeignClients(clients = { ClientsApplication.DirectClient.class, ClientsApplication.BalancedClient.class,
		ClientsApplication.OtherHostClient.class, ClientsApplication.PresetClient.class })
@Import(ClientsApplication.Calls.class)
class ClientsApplication {

	/**
	 * A load-balanced builder configured as Boot configures its own, so that Boot's
	 * customizers, run-id's among them, apply.
	 */
	/**
	 * Load-balanced builders as Spring Cloud's documentation defines them, with
	 * {@code RestClient.builder()} and {@code WebClient.builder()} rather than Boot's
	 * builders: run-id's post-processors customize them too.
	 * @return the builder
	 */
	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder() {
		return WebClient.builder();
	}

	@FeignClient(name = "direct", url = "${downstream.url}")
	interface DirectClient {

		@GetMapping("/feign/direct")
		String call();

		/**
		 * A {@code URI} argument takes the place of the client's URL.
		 * @param base where the request goes
		 * @return the downstream's answer
		 */
		@GetMapping("/feign/dynamic")
		String callAt(URI base);

	}

	@FeignClient(name = "downstream", contextId = "balanced")
	interface BalancedClient {

		@GetMapping("/feign/balanced")
		String call();

	}

	@FeignClient(name = "other", url = "${downstream.other-url}")
	interface OtherHostClient {

		@GetMapping("/feign/other")
		String call();

	}

	@FeignClient(name = "preset", url = "${downstream.url}")
	interface PresetClient {

		@GetMapping("/feign/preset")
		String call(@RequestHeader("X-Run-Id") String runId);

	}

	@RestController
	static class Calls {

		private final DirectClient direct;

		private final BalancedClient balanced;

		private final OtherHostClient other;

		private final PresetClient preset;

		private final RestClient restClient;

		private final WebClient webClient;

		Calls(DirectClient direct, BalancedClient balanced, OtherHostClient other, PresetClient preset,
				@LoadBalanced RestClient.Builder restClient, @LoadBalanced WebClient.Builder webClient) {
			this.direct = direct;
			this.balanced = balanced;
			this.other = other;
			this.preset = preset;
			this.restClient = restClient.build();
			this.webClient = webClient.build();
		}

		@GetMapping("/call/feign")
		String feign() {
			return this.direct.call();
		}

		@GetMapping("/call/feign-balanced")
		String feignBalanced() {
			return this.balanced.call();
		}

		@GetMapping("/call/feign-other")
		String feignOther() {
			return this.other.call();
		}

		@GetMapping("/call/feign-dynamic")
		String feignDynamic(@RequestParam String base) {
			return this.direct.callAt(URI.create(base));
		}

		@GetMapping("/call/feign-preset")
		String feignPreset() {
			return this.preset.call("preset-1");
		}

		@GetMapping("/call/rest-client-balanced")
		String restClientBalanced() {
			return this.restClient.get().uri("http://downstream/rest-client/balanced").retrieve().body(String.class);
		}

		@GetMapping("/call/web-client-balanced")
		String webClientBalanced() {
			return this.webClient.get()
				.uri("http://downstream/web-client/balanced")
				.retrieve()
				.bodyToMono(String.class)
				.block();
		}

	}

}
