package dev.runid.spring.observation;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveTracer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Servlet tracing tests with Brave, spans recorded by a span handler in memory.
 */
@SpringBootTest(classes = { TracingServletApplication.class, BraveFinishedSpans.SpansConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TracingTests.WITHOUT_OPENTELEMETRY, TracingTests.SAMPLE_ALL, TracingTests.RUN_AS_BAGGAGE,
				TracingTests.TENANT_BAGGAGE })
@DirtiesContext
class BraveServletTracingTests extends ServletTracingTests {

	@Override
	Class<? extends Tracer> bridge() {
		return BraveTracer.class;
	}

}
