package dev.runid.spring.observation;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.test.RecordingServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Spring MVC application with Micrometer Tracing whose requests call a real downstream
 * server with {@code RestClient}, {@code RestTemplate} and {@code WebClient}, and record
 * an observation of their own.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(TracingServletApplication.TracedController.class)
class TracingServletApplication {

	@Bean(destroyMethod = "close")
	RecordingServer downstream() {
		return RecordingServer.start();
	}

	@RestController
	static class TracedController {

		private final RestClient restClient;

		private final RestTemplate restTemplate;

		private final WebClient webClient;

		private final RecordingServer downstream;

		private final ObservationRegistry observations;

		private final Tracer tracer;

		TracedController(RestClient.Builder restClient, RestTemplateBuilder restTemplate, WebClient.Builder webClient,
				RecordingServer downstream, ObservationRegistry observations, Tracer tracer) {
			this.restClient = restClient.build();
			this.restTemplate = restTemplate.build();
			this.webClient = webClient.build();
			this.downstream = downstream;
			this.observations = observations;
			this.tracer = tracer;
		}

		/**
		 * Call downstream with every client, under a baggage entry of the tracer's own,
		 * then do a step of one's own, which calls downstream too.
		 * @param name distinguishes the downstream paths of one test from another's
		 * @return the trace ID of the request
		 */
		@GetMapping("/call/{name}")
		String call(@PathVariable String name) {
			BaggageInScope tenant = this.tracer.createBaggageInScope("tenant", "acme");
			try {
				this.restClient.get().uri(this.downstream.url("/rest-client/" + name)).retrieve().toBodilessEntity();
				this.restTemplate.getForObject(this.downstream.url("/rest-template/" + name), String.class);
				this.webClient.get()
					.uri(this.downstream.url("/web-client/" + name))
					.retrieve()
					.toBodilessEntity()
					.block();
			}
			finally {
				tenant.close();
			}
			Observation.createNotStarted("agent.step", this.observations)
				.lowCardinalityKeyValue("step", "plan")
				.observe(() -> this.restClient.get()
					.uri(this.downstream.url("/step/" + name))
					.retrieve()
					.toBodilessEntity());
			return traceId();
		}

		/**
		 * Call downstream in a child run of the request's run.
		 * @param runId the request's run
		 * @return the child run, and the trace ID of the request
		 */
		@GetMapping("/child")
		String child(RunId runId) {
			RunId child = RunId.generate(runId);
			RunContext.run(child,
					() -> this.restClient.get().uri(this.downstream.url("/child")).retrieve().toBodilessEntity());
			return child.value() + "|" + traceId();
		}

		private String traceId() {
			Span span = this.tracer.currentSpan();
			return (span != null) ? span.context().traceId() : "none";
		}

	}

}
