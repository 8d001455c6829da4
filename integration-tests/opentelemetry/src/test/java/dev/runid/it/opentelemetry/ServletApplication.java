package dev.runid.it.opentelemetry;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A Spring MVC application traced by the OpenTelemetry Spring Boot starter alone (no
 * Micrometer Tracing), whose requests call a real downstream with {@code RestClient},
 * take a {@code @WithSpan} step and start child runs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ServletApplication.TracedController.class, Steps.class })
class ServletApplication {

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

		private final RestClient restClient;

		private final Downstream downstream;

		private final Steps steps;

		TracedController(RestClient.Builder restClient, Downstream downstream, Steps steps) {
			this.restClient = restClient.build();
			this.downstream = downstream;
			this.steps = steps;
		}

		/**
		 * Call downstream with {@code RestClient} under a baggage entry of
		 * OpenTelemetry's own, then take a {@code @WithSpan} step.
		 * @param name distinguishes the downstream paths of one test from another's
		 * @return the trace ID of the request
		 */
		@GetMapping("/call/{name}")
		String call(@PathVariable String name) {
			try (Scope tenant = Baggage.current().toBuilder().put("tenant", "acme").build().makeCurrent()) {
				this.restClient.get().uri(this.downstream.url("/rest-client/" + name)).retrieve().toBodilessEntity();
			}
			this.steps.plan();
			return Span.current().getSpanContext().getTraceId();
		}

		/**
		 * Start a child run of the request's run that calls downstream and takes a step.
		 * @return the child run and the trace ID of the request, separated by {@code |}
		 */
		@GetMapping("/child")
		String child() {
			RunId child = RunId.generate(RunContext.current().orElseThrow());
			RunContext.run(child, () -> {
				this.restClient.get().uri(this.downstream.url("/child")).retrieve().toBodilessEntity();
				this.steps.plan();
			});
			return child.value() + "|" + Span.current().getSpanContext().getTraceId();
		}

	}

}
