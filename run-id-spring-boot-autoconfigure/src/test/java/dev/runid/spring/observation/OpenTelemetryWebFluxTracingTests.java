package dev.runid.spring.observation;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * WebFlux tracing tests with the OpenTelemetry bridge, spans recorded by the SDK's
 * in-memory exporter.
 */
@SpringBootTest(classes = { TracingWebFluxApplication.class, OpenTelemetryFinishedSpans.SpansConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", WebFluxTracingTests.AUTOMATIC_PROPAGATION,
				TracingTests.WITHOUT_BRAVE, TracingTests.SAMPLE_ALL, TracingTests.RUN_AS_BAGGAGE,
				TracingTests.TENANT_BAGGAGE })
@DirtiesContext
class OpenTelemetryWebFluxTracingTests extends WebFluxTracingTests {

	@Override
	Class<? extends Tracer> bridge() {
		return OtelTracer.class;
	}

}
