package dev.runid.spring.opentelemetry;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdSpanProcessor} with a real SDK tracer provider.
 */
class RunIdSpanProcessorTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(new RunIdSpanProcessor())
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void spanStartedInARunCarriesTheRun() {
		RunContext.run(RunId.fromString("run-1"), () -> this.tracer.spanBuilder("step").startSpan().end());
		SpanData span = onlySpan();
		assertThat(span.getAttributes().get(RunIdSpanProcessor.RUN_ID)).isEqualTo("run-1");
		assertThat(span.getAttributes().get(RunIdSpanProcessor.PARENT_RUN_ID)).isNull();
	}

	@Test
	void spanStartedInAChildRunCarriesTheChildAndItsParent() {
		RunId child = RunId.generate(RunId.fromString("parent-run"));
		RunContext.run(child, () -> this.tracer.spanBuilder("step").startSpan().end());
		SpanData span = onlySpan();
		assertThat(span.getAttributes().get(RunIdSpanProcessor.RUN_ID)).isEqualTo(child.value());
		assertThat(span.getAttributes().get(RunIdSpanProcessor.PARENT_RUN_ID)).isEqualTo("parent-run");
	}

	@Test
	void spanStartedOutsideARunCarriesNoRun() {
		this.tracer.spanBuilder("step").startSpan().end();
		assertThat(onlySpan().getAttributes().get(RunIdSpanProcessor.RUN_ID)).isNull();
	}

	@Test
	void spanThatNamesItsRunKeepsIt() {
		RunContext.run(RunId.fromString("run-1"),
				() -> this.tracer.spanBuilder("step").setAttribute("run.id", "run-of-my-own").startSpan().end());
		assertThat(onlySpan().getAttributes().get(RunIdSpanProcessor.RUN_ID)).isEqualTo("run-of-my-own");
	}

	@Test
	void spanThatEndsOutsideItsRunStillCarriesIt() {
		Span[] started = new Span[1];
		RunContext.run(RunId.fromString("run-1"), () -> started[0] = this.tracer.spanBuilder("step").startSpan());
		started[0].end();
		assertThat(onlySpan().getAttributes().get(RunIdSpanProcessor.RUN_ID)).isEqualTo("run-1");
	}

	private SpanData onlySpan() {
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

}
