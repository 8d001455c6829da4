package dev.runid.spring.observation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every span that the OpenTelemetry SDK finished, from the SDK's
 * {@link InMemorySpanExporter}. The exporter is not a bean, so that Boot's batching
 * processor does not export to it as well; {@link #processor()} is the bean that Boot
 * adds to its {@code SdkTracerProvider}.
 */
final class OpenTelemetryFinishedSpans implements FinishedSpans {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	SpanProcessor processor() {
		return SimpleSpanProcessor.create(this.exporter);
	}

	@Override
	public List<FinishedSpan> spans() {
		return this.exporter.getFinishedSpanItems().stream().map(OpenTelemetryFinishedSpans::toFinishedSpan).toList();
	}

	private static FinishedSpan toFinishedSpan(SpanData span) {
		Map<String, String> tags = new LinkedHashMap<>();
		span.getAttributes().forEach((key, value) -> tags.put(key.getKey(), String.valueOf(value)));
		// the SDK reports INTERNAL where Brave reports no kind
		String kind = switch (span.getKind()) {
			case SERVER, CLIENT -> span.getKind().name();
			default -> "LOCAL";
		};
		return new FinishedSpan(span.getTraceId(), kind, span.getName(), tags);
	}

	@Override
	public void clear() {
		this.exporter.reset();
	}

	@Configuration(proxyBeanMethods = false)
	static class SpansConfiguration {

		@Bean
		OpenTelemetryFinishedSpans openTelemetryFinishedSpans() {
			return new OpenTelemetryFinishedSpans();
		}

		@Bean
		SpanProcessor finishedSpansProcessor(OpenTelemetryFinishedSpans spans) {
			return spans.processor();
		}

	}

}
