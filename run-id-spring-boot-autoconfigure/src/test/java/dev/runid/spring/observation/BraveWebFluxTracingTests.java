package dev.runid.spring.observation;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveTracer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * WebFlux tracing tests with Brave, spans recorded by a span handler in memory.
 */
@SpringBootTest(classes = { TracingWebFluxApplication.class, BraveFinishedSpans.SpansConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", WebFluxTracingTests.AUTOMATIC_PROPAGATION,
				TracingTests.WITHOUT_OPENTELEMETRY, TracingTests.SAMPLE_ALL, TracingTests.RUN_AS_BAGGAGE,
				TracingTests.TENANT_BAGGAGE })
@DirtiesContext
class BraveWebFluxTracingTests extends WebFluxTracingTests {

	@Override
	Class<? extends Tracer> bridge() {
		return BraveTracer.class;
	}

}
