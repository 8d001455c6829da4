package dev.runid.spring.observation;

import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.test.RecordingServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Spring WebFlux application with Micrometer Tracing whose requests call a real
 * downstream server with {@code WebClient} after a thread hop, and record an observation
 * of their own.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(TracingWebFluxApplication.TracedController.class)
class TracingWebFluxApplication {

	@Bean(destroyMethod = "close")
	RecordingServer downstream() {
		return RecordingServer.start();
	}

	@RestController
	static class TracedController {

		private final WebClient webClient;

		private final ObservationRegistry observations;

		private final Tracer tracer;

		TracedController(WebClient.Builder webClient, RecordingServer downstream, ObservationRegistry observations,
				Tracer tracer) {
			this.webClient = webClient.baseUrl(downstream.url("")).build();
			this.observations = observations;
			this.tracer = tracer;
		}

		/**
		 * Call downstream on another thread, then do a step of one's own.
		 * @param name distinguishes the downstream paths of one test from another's
		 * @return the trace ID of the request
		 */
		@GetMapping("/call/{name}")
		Mono<String> call(@PathVariable String name) {
			String traceId = traceId();
			return Mono.just(name)
				.publishOn(Schedulers.parallel())
				.flatMap((path) -> this.webClient.get().uri("/web-client/" + path).retrieve().toBodilessEntity())
				.map((response) -> Observation.createNotStarted("agent.step", this.observations)
					.lowCardinalityKeyValue("step", "plan")
					.observe(() -> traceId));
		}

		/**
		 * Call downstream in a child run of the request's run.
		 * @param runId the request's run
		 * @return the child run, and the trace ID of the request
		 */
		@GetMapping("/child")
		Mono<String> child(RunId runId) {
			RunId child = RunId.generate(runId);
			String traceId = traceId();
			return this.webClient.get()
				.uri("/child")
				.retrieve()
				.toBodilessEntity()
				.contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, child))
				.thenReturn(child.value() + "|" + traceId);
		}

		private String traceId() {
			Span span = this.tracer.currentSpan();
			return (span != null) ? span.context().traceId() : "none";
		}

	}

}
