package dev.runid.spring.dashboard;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring WebFlux application with the dashboard on; tests add
 * {@link TestRunStore.Configuration} to show fixed runs, or leave the registry's recorder
 * and memory store to record its requests; start it with
 * {@code spring.main.web-application-type=reactive}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(DashboardWebFluxApplication.OrderController.class)
class DashboardWebFluxApplication {

	@RestController
	static class OrderController {

		@GetMapping("/orders/{id}")
		Mono<String> order(@PathVariable String id) {
			return Mono.just("order " + id);
		}

	}

}
