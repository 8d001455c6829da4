package dev.runid.it.opentelemetry;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.reactor.RunIdReactor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux application traced by the OpenTelemetry Spring Boot starter alone, whose
 * requests call a real downstream with {@code WebClient}, in the request's run and in a
 * child run.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ WebFluxApplication.TracedController.class, Steps.class })
class WebFluxApplication {

	@Bean(destroyMethod = "close")
	Downstream downstream() {
		return Downstream.start();
	}

	@Bean
	InMemorySpans spans() {
		return new InMemorySpans();
	}

	@Bean
	AutoConfigurationCustomizerProvider inMemorySpanExport(InMemorySpans spans) {
		return spans.customizer();
	}

	@RestController
	static class TracedController {

		private final WebClient webClient;

		private final Downstream downstream;

		private final Steps steps;

		TracedController(WebClient.Builder webClient, Downstream downstream, Steps steps) {
			this.webClient = webClient.build();
			this.downstream = downstream;
			this.steps = steps;
		}

		/**
		 * Take a {@code @WithSpan} step and call downstream with {@code WebClient}.
		 * @param name distinguishes the downstream paths of one test from another's
		 * @return the trace ID of the request
		 */
		@GetMapping("/call/{name}")
		Mono<String> call(@PathVariable String name) {
			String traceId = Span.current().getSpanContext().getTraceId();
			this.steps.plan();
			return this.webClient.get()
				.uri(this.downstream.url("/web-client/" + name))
				.retrieve()
				.toBodilessEntity()
				.thenReturn(traceId);
		}

		/**
		 * Call downstream with {@code WebClient} in a child run of the request's run.
		 * @return the child run and the trace ID of the request, separated by {@code |}
		 */
		@GetMapping("/child")
		Mono<String> child() {
			String traceId = Span.current().getSpanContext().getTraceId();
			RunId child = RunId.generate(RunContext.current().orElseThrow());
			return RunIdReactor
				.run(child, () -> this.webClient.get().uri(this.downstream.url("/child")).retrieve().toBodilessEntity())
				.thenReturn(child.value() + "|" + traceId);
		}

	}

}
