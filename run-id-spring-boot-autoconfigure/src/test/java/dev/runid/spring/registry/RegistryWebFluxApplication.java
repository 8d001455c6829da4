package dev.runid.spring.registry;

import java.time.Duration;

import dev.runid.RunContext;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring WebFlux application whose runs the registry tests look up, started on a random
 * port.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(RegistryWebFluxApplication.OrderController.class)
public class RegistryWebFluxApplication {

	@RestController
	static class OrderController {

		@GetMapping("/orders/{id}")
		Mono<String> order(@PathVariable String id) {
			RunContext.setAttribute("order", id);
			// a thread hop: the run's segment goes on until the pipeline completes
			return Mono.delay(Duration.ofMillis(20)).map((tick) -> {
				RunContext.setAttribute("delayed", id);
				return "order " + id;
			});
		}

		@GetMapping("/boom")
		Mono<String> boom() {
			return Mono.error(new IllegalStateException("bad\nthing\u0007 happened"));
		}

		@GetMapping("/unavailable")
		ResponseEntity<String> unavailable() {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("try later");
		}

	}

}
